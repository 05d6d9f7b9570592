add_test(NAME cli.behaviour COMMAND bash ${FOLIO_TESTS_DIR}/cli/run.sh ${FOLIO_BIN})
