# Archival output (tests/archival/): the text layer a search engine reads,
# on the project's fixtures and on every sample of ../shared/samples.
set(FOLIO_ARCHIVAL_OUT ${CMAKE_CURRENT_BINARY_DIR}/archival)
file(MAKE_DIRECTORY ${FOLIO_ARCHIVAL_OUT})
set(FOLIO_ARCHIVAL ${FOLIO_TESTS_DIR}/archival)

add_test(NAME archival.text_layer
  COMMAND python3 ${FOLIO_ARCHIVAL}/text_layer.py ${FOLIO_BIN} ${FOLIO_ARCHIVAL_OUT} text_layer
          ${FOLIO_ARCHIVAL}/text_layer.md ${FOLIO_TESTS_DIR}/pdf/issue_fr.md)
add_test(NAME archival.text_layer.samples
  COMMAND sh ${FOLIO_ARCHIVAL}/samples.sh ${FOLIO_ARCHIVAL}/text_layer.py ${FOLIO_BIN}
          ${FOLIO_ARCHIVAL_OUT} ${FOLIO_SAMPLES_DIR} -- --fix-encoding)
set_tests_properties(archival.text_layer.samples PROPERTIES SKIP_RETURN_CODE 77)
