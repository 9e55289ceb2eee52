# Compiler settings shared by every CallSnare target.
#
# Sanitizers apply to the whole build (global flags) so that every object,
# test and executable agrees on the runtime; warnings apply only to our own
# targets through callsnare_target_warnings().

if(CALLSNARE_SANITIZE)
  string(REPLACE "," ";" _callsnare_sanitizers "${CALLSNARE_SANITIZE}")
  foreach(_sanitizer IN LISTS _callsnare_sanitizers)
    if(NOT _sanitizer MATCHES "^(address|undefined|thread|leak)$")
      message(FATAL_ERROR "CALLSNARE_SANITIZE: unknown sanitizer '${_sanitizer}'")
    endif()
  endforeach()
  add_compile_options(-fsanitize=${CALLSNARE_SANITIZE} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${CALLSNARE_SANITIZE})
endif()

function(callsnare_target_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wconversion -Wsign-conversion
    -Wnull-dereference -Wdouble-promotion -Wimplicit-fallthrough)
  if(CALLSNARE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# callsnare_add_library(NAME <short> SOURCES ... [PUBLIC_LIBS ...] [PRIVATE_LIBS ...])
# Builds callsnare_<short> with the alias callsnare::<short>. The include root is
# the parent of the library's folder, so code reads #include "domain/Lead.h".
function(callsnare_add_library)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  set(target callsnare_${ARG_NAME})
  add_library(${target} STATIC ${ARG_SOURCES})
  add_library(callsnare::${ARG_NAME} ALIAS ${target})
  get_filename_component(include_root "${CMAKE_CURRENT_SOURCE_DIR}" DIRECTORY)
  target_include_directories(${target} PUBLIC "${include_root}")
  target_link_libraries(${target} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  callsnare_target_warnings(${target})
endfunction()
