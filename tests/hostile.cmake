# Hostile input and faults: the fuzz targets' replays (tests/fuzz/) and one
# test per tests/hostile/cases/CASE.sh (bad inputs through the whole
# command, confined resources, faults while writing); see tests/hostile/run.sh.
add_subdirectory(${FOLIO_TESTS_DIR}/fuzz ${CMAKE_CURRENT_BINARY_DIR}/fuzz)

file(GLOB FOLIO_HOSTILE_CASES CONFIGURE_DEPENDS ${FOLIO_TESTS_DIR}/hostile/cases/*.sh)
foreach(case ${FOLIO_HOSTILE_CASES})
  get_filename_component(name ${case} NAME_WE)
  add_test(NAME hostile.${name}
    COMMAND sh ${FOLIO_TESTS_DIR}/hostile/run.sh ${FOLIO_BIN} ${name})
  set_tests_properties(hostile.${name} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
  # a growth bound compares CPU times: measured with no other test beside it
  file(READ ${case} body)
  if(body MATCHES "expect_growth")
    set_tests_properties(hostile.${name} PROPERTIES RUN_SERIAL TRUE)
  endif()
endforeach()
