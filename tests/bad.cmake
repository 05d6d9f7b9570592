# Bad input: one test per tests/bad/CASE.expect (exit status and the one
# diagnostic line of `folio dump`).
file(GLOB FOLIO_BAD_CASES CONFIGURE_DEPENDS ${FOLIO_TESTS_DIR}/bad/*.expect)
foreach(expect ${FOLIO_BAD_CASES})
  get_filename_component(name ${expect} NAME_WE)
  add_test(NAME bad.${name}
    COMMAND sh ${FOLIO_TESTS_DIR}/bad/run.sh ${FOLIO_BIN} ${FOLIO_TESTS_DIR}/bad ${name})
endforeach()
