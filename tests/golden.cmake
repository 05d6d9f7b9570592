# Golden model dumps: one test per fixture in tests/golden (run.sh compares
# `folio dump` with FIXTURE.tree and FIXTURE.err; UPDATE=1 regenerates).
file(GLOB FOLIO_GOLDEN_FIXTURES CONFIGURE_DEPENDS
  ${FOLIO_TESTS_DIR}/golden/*.md ${FOLIO_TESTS_DIR}/golden/*.qmd)
foreach(fixture ${FOLIO_GOLDEN_FIXTURES})
  get_filename_component(name ${fixture} NAME)
  add_test(NAME golden.${name}
    COMMAND sh ${FOLIO_TESTS_DIR}/golden/run.sh ${FOLIO_BIN} ${FOLIO_TESTS_DIR}/golden ${name})
endforeach()
