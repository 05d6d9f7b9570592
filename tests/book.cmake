# The book both backends render: `folio dump --book` goldens (UPDATE=1
# rewrites them), and the parity test — the same sources through the PDF
# and the EPUB backends agree on titles, contents, generated words and link
# targets — on every fixture and, when ../shared/samples is there, every
# sample, alone and as books.
set(BOOK_OUT ${CMAKE_CURRENT_BINARY_DIR}/book)
file(MAKE_DIRECTORY ${BOOK_OUT})
set(PARITY python3 ${FOLIO_TESTS_DIR}/book/parity.py ${FOLIO_BIN})

foreach(golden compilation fixtures single toc_rule)
  add_test(NAME book.dump.${golden}
    COMMAND sh ${FOLIO_TESTS_DIR}/book/dump.sh ${FOLIO_BIN} ${FOLIO_TESTS_DIR}/book/${golden})
endforeach()

file(GLOB PARITY_FIXTURES CONFIGURE_DEPENDS
  ${FOLIO_TESTS_DIR}/golden/*.md ${FOLIO_TESTS_DIR}/golden/*.qmd
  ${FOLIO_TESTS_DIR}/epub/fixtures/*/index.md ${FOLIO_TESTS_DIR}/epub/fixtures/*/index.qmd
  ${FOLIO_TESTS_DIR}/pdf/*.md ${FOLIO_TESTS_DIR}/fidelity/*.md)
add_test(NAME book.parity.fixtures COMMAND ${PARITY} ${BOOK_OUT}/fixtures --each ${PARITY_FIXTURES})
add_test(NAME book.parity.years COMMAND ${PARITY} ${BOOK_OUT}/books years
  ${FOLIO_TESTS_DIR}/pdf/issue_fr.md ${FOLIO_TESTS_DIR}/pdf/long_en.md)
add_test(NAME book.parity.epub_fixtures COMMAND ${PARITY} ${BOOK_OUT}/books fixtures
  ${FOLIO_TESTS_DIR}/epub/fixtures)
# The contents rule at every depth: nesting, exclusions (callouts, quotes,
# .unlisted), a #### right under a ## (one level deeper, not two).
foreach(depth 2 3 4 5)
  add_test(NAME book.parity.toc_depth_${depth} COMMAND ${PARITY} ${BOOK_OUT}/books toc_depth_${depth}
    --opt --toc-depth --opt ${depth} ${FOLIO_TESTS_DIR}/book/toc_rule.md)
endforeach()
add_test(NAME book.parity.one_year COMMAND ${PARITY} ${BOOK_OUT}/books one_year
  --opt --year --opt 2024 ${FOLIO_TESTS_DIR}/epub/fixtures ${FOLIO_TESTS_DIR}/pdf/long_en.md)

# The EPUB's cover image is the PDF's first page (A4, and Letter).
set(COVER python3 ${FOLIO_TESTS_DIR}/book/cover.py ${FOLIO_BIN})
add_test(NAME book.cover.fixtures COMMAND ${COVER} ${BOOK_OUT}/cover_a4 ${FOLIO_TESTS_DIR}/epub/fixtures)
add_test(NAME book.cover.letter COMMAND ${COVER} ${BOOK_OUT}/cover_letter
  --paper letter ${FOLIO_TESTS_DIR}/epub/fixtures)

if(EXISTS ${FOLIO_SAMPLES_DIR}/hugo)
  add_test(NAME book.cover.samples COMMAND ${COVER} ${BOOK_OUT}/cover_samples
    ${FOLIO_SAMPLES_DIR}/hugo ${FOLIO_SAMPLES_DIR}/quarto)
  file(GLOB PARITY_SAMPLES ${FOLIO_SAMPLES_DIR}/seed/index.md ${FOLIO_SAMPLES_DIR}/hugo/*/index.md
    ${FOLIO_SAMPLES_DIR}/quarto/*/index.qmd)
  add_test(NAME book.parity.samples COMMAND ${PARITY} ${BOOK_OUT}/samples --each ${PARITY_SAMPLES})
  add_test(NAME book.parity.sample_quarto COMMAND ${PARITY} ${BOOK_OUT}/sample_books quarto
    ${FOLIO_SAMPLES_DIR}/quarto)
  add_test(NAME book.parity.sample_hugo COMMAND ${PARITY} ${BOOK_OUT}/sample_books hugo
    ${FOLIO_SAMPLES_DIR}/hugo)
  add_test(NAME book.parity.sample_all COMMAND ${PARITY} ${BOOK_OUT}/sample_books all
    ${FOLIO_SAMPLES_DIR}/hugo ${FOLIO_SAMPLES_DIR}/quarto)
endif()
