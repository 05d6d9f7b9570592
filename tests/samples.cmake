# The real newsletters of ../shared/samples: dumped without error, with the
# facts a reader would check (tests/samples.sh). Skipped without the folder.
add_test(NAME samples.facts COMMAND sh ${FOLIO_TESTS_DIR}/samples.sh ${FOLIO_BIN} ${FOLIO_SAMPLES_DIR})
set_tests_properties(samples.facts PROPERTIES SKIP_RETURN_CODE 77)
