# Archival output (tests/archival/): the text layer a search engine reads,
# on the project's fixtures and on every sample of ../shared/samples.
# (one output folder per sample test: they run in parallel on the same names)
set(FOLIO_ARCHIVAL_OUT ${CMAKE_CURRENT_BINARY_DIR}/archival)
foreach(dir text pdfa pdfa3 structure)
  file(MAKE_DIRECTORY ${FOLIO_ARCHIVAL_OUT}/${dir})
endforeach()
set(FOLIO_ARCHIVAL ${FOLIO_TESTS_DIR}/archival)

add_test(NAME archival.text_layer
  COMMAND python3 ${FOLIO_ARCHIVAL}/text_layer.py ${FOLIO_BIN} ${FOLIO_ARCHIVAL_OUT} text_layer
          ${FOLIO_ARCHIVAL}/text_layer.md ${FOLIO_TESTS_DIR}/pdf/issue_fr.md)
# a landscape page; code lines whose identifiers the width broke
add_test(NAME archival.text_layer.wide_code
  COMMAND sh -c "for f in wide_table code_fr; do python3 ${FOLIO_ARCHIVAL}/text_layer.py ${FOLIO_BIN} ${FOLIO_ARCHIVAL_OUT} text_layer_$f ${FOLIO_TESTS_DIR}/pdf/$f.md || exit 1; done")
# other scripts than Latin: right-to-left, CJK, Devanagari, Thai
add_test(NAME archival.text_layer.scripts
  COMMAND python3 ${FOLIO_ARCHIVAL}/text_layer.py ${FOLIO_BIN} ${FOLIO_ARCHIVAL_OUT} text_layer_scripts
          ${FOLIO_TESTS_DIR}/fidelity/outputs/scripts.md)
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
add_test(NAME archival.pdfa.scripts
  COMMAND python3 ${FOLIO_ARCHIVAL}/pdfa.py ${FOLIO_BIN} ${FOLIO_ARCHIVAL_OUT} pdfa_scripts
          ${FOLIO_TESTS_DIR}/fidelity/outputs/scripts.md -- --pdfa)
add_test(NAME archival.pdfa.icons
  COMMAND python3 ${FOLIO_ARCHIVAL}/pdfa.py ${FOLIO_BIN} ${FOLIO_ARCHIVAL_OUT} pdfa_icons
          ${FOLIO_TESTS_DIR}/golden/icons.qmd -- --pdfa)
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
# all the samples as one book: PDF/A-3 (PDF/A checks and each issue's
# files under its folder name), its structure and its text layer
add_test(NAME archival.pdfa3.samples_book
  COMMAND sh ${FOLIO_ARCHIVAL}/samples.sh --book ${FOLIO_ARCHIVAL}/pdfa.py ${FOLIO_BIN}
          ${FOLIO_ARCHIVAL_OUT}/pdfa3 ${FOLIO_SAMPLES_DIR} -- --attach-source --fix-encoding)
add_test(NAME archival.structure.samples_book
  COMMAND sh ${FOLIO_ARCHIVAL}/samples.sh --book ${FOLIO_ARCHIVAL}/structure.py ${FOLIO_BIN}
          ${FOLIO_ARCHIVAL_OUT}/structure ${FOLIO_SAMPLES_DIR} -- --fix-encoding)
add_test(NAME archival.text_layer.samples_book
  COMMAND sh ${FOLIO_ARCHIVAL}/samples.sh --book ${FOLIO_ARCHIVAL}/text_layer.py ${FOLIO_BIN}
          ${FOLIO_ARCHIVAL_OUT}/text ${FOLIO_SAMPLES_DIR} -- --fix-encoding)
set_tests_properties(archival.pdfa.samples archival.pdfa3.samples archival.pdfa3.samples_book
                     archival.structure.samples_book archival.text_layer.samples_book
                     PROPERTIES SKIP_RETURN_CODE 77)

# Byte-identical PDF, PDF/A-2b, PDF/A-3b and EPUB across folders, TZ,
# LC_ALL and input order, with and without SOURCE_DATE_EPOCH.
add_test(NAME archival.reproducible
  COMMAND bash ${FOLIO_ARCHIVAL}/reproducible.sh ${FOLIO_BIN} ${FOLIO_TESTS_DIR})

# The tagged PDF (tests/archival/structure.py): marked content tagged or
# artifact, every MCID reachable, ParentTree, nesting (lists, tables, TOC),
# links, headings, figures, notes after the text that cites them, reading
# order in the content, /Lang; the fixture's tree against its golden file
# (small pages, so that a paragraph, a table and notes cross page breaks).
add_test(NAME archival.structure
  COMMAND python3 ${FOLIO_ARCHIVAL}/structure.py ${FOLIO_BIN} ${FOLIO_ARCHIVAL_OUT} structure
          --golden ${FOLIO_ARCHIVAL}/structure.tree --across ${FOLIO_ARCHIVAL}/structure.md
          -- --style ${FOLIO_ARCHIVAL}/structure_style.yaml)
# passages in other languages: /Lang on their BlockQuote and Div only
add_test(NAME archival.structure.quote_lang
  COMMAND python3 ${FOLIO_ARCHIVAL}/structure.py ${FOLIO_BIN} ${FOLIO_ARCHIVAL_OUT} structure_quote_lang
          --golden ${FOLIO_ARCHIVAL}/quote_lang.tree ${FOLIO_TESTS_DIR}/golden/quote_lang.qmd)
add_test(NAME archival.structure.fixtures
  COMMAND sh -c "for f in issue_fr long_en wide_table code_fr; do python3 ${FOLIO_ARCHIVAL}/structure.py ${FOLIO_BIN} ${FOLIO_ARCHIVAL_OUT} structure_$f ${FOLIO_TESTS_DIR}/pdf/$f.md || exit 1; done")
add_test(NAME archival.structure.compilation
  COMMAND python3 ${FOLIO_ARCHIVAL}/structure.py ${FOLIO_BIN} ${FOLIO_ARCHIVAL_OUT} structure_book
          --lang-part en ${FOLIO_ARCHIVAL}/structure.md ${FOLIO_TESTS_DIR}/pdf/issue_fr.md
          ${FOLIO_TESTS_DIR}/pdf/long_en.md)
add_test(NAME archival.structure.samples
  COMMAND sh ${FOLIO_ARCHIVAL}/samples.sh ${FOLIO_ARCHIVAL}/structure.py ${FOLIO_BIN}
          ${FOLIO_ARCHIVAL_OUT}/structure ${FOLIO_SAMPLES_DIR} -- --fix-encoding)
set_tests_properties(archival.structure.samples PROPERTIES SKIP_RETURN_CODE 77)

# PDF/A's limits: an address longer than a PDF string may be is no link.
add_test(NAME archival.pdfa.limits
  COMMAND sh ${FOLIO_ARCHIVAL}/limits.sh ${FOLIO_BIN} ${FOLIO_ARCHIVAL_OUT})

# Every figure's /Alt (alt text, else caption, else file name; a featured
# image's: the title), and the same warnings from a conversion and from
# folio check for an image with neither alt text nor caption.
add_test(NAME archival.described
  COMMAND python3 ${FOLIO_ARCHIVAL}/described.py ${FOLIO_BIN} ${FOLIO_ARCHIVAL_OUT}
          ${FOLIO_ARCHIVAL}/described ${FOLIO_TESTS_DIR}/pdf/img)

# Bibliographies outside the issue's folder or project: refused, not attached.
add_test(NAME archival.outside COMMAND sh ${FOLIO_ARCHIVAL}/outside.sh ${FOLIO_BIN})
