# Archival output (tests/archival/): the text layer a search engine reads,
# on the project's fixtures and on every sample of ../shared/samples.
# (one output folder per sample test: they run in parallel on the same names)
set(FOLIO_ARCHIVAL_OUT ${CMAKE_CURRENT_BINARY_DIR}/archival)
foreach(dir text pdfa pdfa3)
  file(MAKE_DIRECTORY ${FOLIO_ARCHIVAL_OUT}/${dir})
endforeach()
set(FOLIO_ARCHIVAL ${FOLIO_TESTS_DIR}/archival)

add_test(NAME archival.text_layer
  COMMAND python3 ${FOLIO_ARCHIVAL}/text_layer.py ${FOLIO_BIN} ${FOLIO_ARCHIVAL_OUT} text_layer
          ${FOLIO_ARCHIVAL}/text_layer.md ${FOLIO_TESTS_DIR}/pdf/issue_fr.md)
add_test(NAME archival.text_layer.samples
  COMMAND sh ${FOLIO_ARCHIVAL}/samples.sh ${FOLIO_ARCHIVAL}/text_layer.py ${FOLIO_BIN}
          ${FOLIO_ARCHIVAL_OUT}/text ${FOLIO_SAMPLES_DIR} -- --fix-encoding)
set_tests_properties(archival.text_layer.samples PROPERTIES SKIP_RETURN_CODE 77)

# PDF/A-2b and PDF/A-3b (tests/archival/pdfa.py): qpdf, XMP against Info,
# output intent, /ID, annotations, figures' /Alt, attachments byte for
# byte, and Apache PDFBox Preflight with only PDF/A-2's allowances.
add_test(NAME archival.pdfa
  COMMAND python3 ${FOLIO_ARCHIVAL}/pdfa.py ${FOLIO_BIN} ${FOLIO_ARCHIVAL_OUT} pdfa
          ${FOLIO_TESTS_DIR}/pdf/issue_fr.md -- --pdfa)
add_test(NAME archival.pdfa.style
  COMMAND python3 ${FOLIO_ARCHIVAL}/pdfa.py ${FOLIO_BIN} ${FOLIO_ARCHIVAL_OUT} pdfa_style
          ${FOLIO_TESTS_DIR}/pdf/long_en.md -- --style ${FOLIO_ARCHIVAL}/pdfa_style.yaml)
add_test(NAME archival.pdfa3
  COMMAND python3 ${FOLIO_ARCHIVAL}/pdfa.py ${FOLIO_BIN} ${FOLIO_ARCHIVAL_OUT} pdfa3
          ${FOLIO_ARCHIVAL}/bundle/index.qmd -- --attach-source --style ${FOLIO_ARCHIVAL}/pdfa_style.yaml)
add_test(NAME archival.pdfa3.compilation
  COMMAND python3 ${FOLIO_ARCHIVAL}/pdfa.py ${FOLIO_BIN} ${FOLIO_ARCHIVAL_OUT} pdfa3_book
          ${FOLIO_ARCHIVAL}/bundle/index.qmd ${FOLIO_TESTS_DIR}/pdf/issue_fr.md -- --attach-source)
add_test(NAME archival.pdfa.samples
  COMMAND sh ${FOLIO_ARCHIVAL}/samples.sh ${FOLIO_ARCHIVAL}/pdfa.py ${FOLIO_BIN}
          ${FOLIO_ARCHIVAL_OUT}/pdfa ${FOLIO_SAMPLES_DIR} -- --pdfa --fix-encoding)
add_test(NAME archival.pdfa3.samples
  COMMAND sh ${FOLIO_ARCHIVAL}/samples.sh ${FOLIO_ARCHIVAL}/pdfa.py ${FOLIO_BIN}
          ${FOLIO_ARCHIVAL_OUT}/pdfa3 ${FOLIO_SAMPLES_DIR} -- --attach-source --fix-encoding)
set_tests_properties(archival.pdfa.samples archival.pdfa3.samples PROPERTIES SKIP_RETURN_CODE 77)

# Byte-identical PDF, PDF/A-2b, PDF/A-3b and EPUB across folders, TZ,
# LC_ALL and input order, with and without SOURCE_DATE_EPOCH.
add_test(NAME archival.reproducible
  COMMAND bash ${FOLIO_ARCHIVAL}/reproducible.sh ${FOLIO_BIN} ${FOLIO_TESTS_DIR})
