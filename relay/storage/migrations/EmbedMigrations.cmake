# Embeds relay/storage/migrations/<dialect>/NNN.sql into a generated header as
# raw string literals, so the binary carries its schema and needs no files at
# run time. Runs at configure time; editing or adding a .sql file re-runs CMake.
#
# callsnare_embed_relay_migrations(<output header>)
function(callsnare_embed_relay_migrations out_header)
  set(source_dir "${CMAKE_CURRENT_FUNCTION_LIST_DIR}")
  string(CONCAT content
    "// Generated from relay/storage/migrations by EmbedMigrations.cmake; do not edit.\n"
    "#pragma once\n\n#include <span>\n#include <string_view>\n\n"
    "namespace callsnare::relay::migrations {\n\n"
    "struct EmbeddedMigration {\n    int version;\n    std::string_view sql;\n};\n")
  foreach(dialect sqlite postgresql)
    file(GLOB files CONFIGURE_DEPENDS "${source_dir}/${dialect}/*.sql")
    list(SORT files)
    string(APPEND content "\ninline constexpr EmbeddedMigration ${dialect}[] = {\n")
    set(expected 1)
    foreach(file IN LISTS files)
      get_filename_component(name "${file}" NAME_WE)
      if(NOT name MATCHES "^[0-9][0-9][0-9]$")
        message(FATAL_ERROR "Relay migration '${file}': name it NNN.sql (three digits)")
      endif()
      math(EXPR version "${name}")
      if(NOT version EQUAL expected)
        message(FATAL_ERROR "Relay migrations for ${dialect}: expected version ${expected}, found ${name}.sql")
      endif()
      math(EXPR expected "${expected} + 1")
      file(READ "${file}" sql)
      if(sql MATCHES "\\)callsnare_sql\"")
        message(FATAL_ERROR "Relay migration '${file}' contains the raw string delimiter")
      endif()
      string(APPEND content "    {${version}, R\"callsnare_sql(${sql})callsnare_sql\"},\n")
    endforeach()
    if(expected EQUAL 1)
      message(FATAL_ERROR "No relay migrations found in ${source_dir}/${dialect}")
    endif()
    string(APPEND content "};\n")
  endforeach()
  string(APPEND content "\n} // namespace callsnare::relay::migrations\n")
  # Rewrite the header only when it changes, so unchanged SQL rebuilds nothing.
  file(WRITE "${out_header}.tmp" "${content}")
  configure_file("${out_header}.tmp" "${out_header}" COPYONLY)
endfunction()
