# callsnare_add_test(NAME <name> SOURCES ... [LIBS ...] [GUI] [TIMEOUT seconds])
#
# Builds a QtTest executable, registers it with ctest under <name>, hands it a
# private temporary directory (CALLSNARE_TEST_TMPDIR, also TMPDIR) and, for GUI
# tests, the offscreen platform so no display is needed.
function(callsnare_add_test)
  cmake_parse_arguments(ARG "GUI" "NAME;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE Qt6::Test ${ARG_LIBS})
  set_target_properties(${ARG_NAME} PROPERTIES AUTOMOC ON)
  callsnare_target_warnings(${ARG_NAME})

  set(test_tmp "${CMAKE_CURRENT_BINARY_DIR}/tmp/${ARG_NAME}")
  file(MAKE_DIRECTORY "${test_tmp}")
  add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
  set(environment "CALLSNARE_TEST_TMPDIR=${test_tmp}" "TMPDIR=${test_tmp}")
  if(ARG_GUI)
    list(APPEND environment "QT_QPA_PLATFORM=offscreen")
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set_tests_properties(${ARG_NAME} PROPERTIES ENVIRONMENT "${environment}" TIMEOUT ${ARG_TIMEOUT})
endfunction()
