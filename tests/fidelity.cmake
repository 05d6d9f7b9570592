# Fidelity (issue 9): the leak test — no source syntax in what a reader sees,
# PDF and EPUB — and the no-loss test on every fixture and, when
# ../shared/samples is there, on every real issue.
set(FIDELITY_OUT ${CMAKE_CURRENT_BINARY_DIR}/fidelity)
file(MAKE_DIRECTORY ${FIDELITY_OUT})
set(LEAK python3 ${FOLIO_TESTS_DIR}/fidelity/leak.py ${FOLIO_BIN})

file(GLOB LEAK_FIXTURES CONFIGURE_DEPENDS
  ${FOLIO_TESTS_DIR}/golden/*.md ${FOLIO_TESTS_DIR}/golden/*.qmd
  ${FOLIO_TESTS_DIR}/epub/fixtures/*/index.md ${FOLIO_TESTS_DIR}/epub/fixtures/*/index.qmd
  ${FOLIO_TESTS_DIR}/pdf/*.md
  ${FOLIO_TESTS_DIR}/fidelity/outputs/*.md ${FOLIO_TESTS_DIR}/fidelity/outputs/*.qmd
  ${FOLIO_TESTS_DIR}/fidelity/outputs/issue/*.md)
list(APPEND LEAK_FIXTURES ${FOLIO_TESTS_DIR}/project/quarto/issue_1/index.qmd
  ${FOLIO_TESTS_DIR}/project/hugo/content/post/first/index.md)
add_test(NAME fidelity.leak.fixtures COMMAND ${LEAK} ${FIDELITY_OUT}/fixtures ${LEAK_FIXTURES})
# The no-loss test on the same sources: every word and every heading, image,
# link, table, footnote and callout of the source reaches both outputs.
set(NOLOSS python3 ${FOLIO_TESTS_DIR}/fidelity/noloss.py ${FOLIO_BIN})
add_test(NAME fidelity.noloss.fixtures COMMAND ${NOLOSS} ${FIDELITY_OUT}/noloss ${LEAK_FIXTURES})

if(EXISTS ${FOLIO_SAMPLES_DIR}/hugo)
  file(GLOB LEAK_SAMPLES ${FOLIO_SAMPLES_DIR}/seed/index.md ${FOLIO_SAMPLES_DIR}/hugo/*/index.md
    ${FOLIO_SAMPLES_DIR}/quarto/*/index.qmd)
  add_test(NAME fidelity.leak.samples COMMAND ${LEAK} ${FIDELITY_OUT}/samples ${LEAK_SAMPLES})
  add_test(NAME fidelity.noloss.samples COMMAND ${NOLOSS} ${FIDELITY_OUT}/noloss-samples
    ${LEAK_SAMPLES})
endif()

# Summary and title as text in the PDF's and the EPUB's metadata (item 16).
add_test(NAME fidelity.meta COMMAND sh ${FOLIO_TESTS_DIR}/fidelity/meta.sh ${FOLIO_BIN}
  ${FIDELITY_OUT}/meta ${FOLIO_TESTS_DIR}/fidelity/summary_html.md)
add_test(NAME epub.epubcheck.fidelity_meta COMMAND ${CMAKE_COMMAND}
  -DEPUBS=${FIDELITY_OUT}/meta/meta.epub -P ${FOLIO_TESTS_DIR}/epub/epubcheck.cmake)
set_tests_properties(fidelity.meta PROPERTIES FIXTURES_SETUP fidelity_meta)
set_tests_properties(epub.epubcheck.fidelity_meta PROPERTIES FIXTURES_REQUIRED fidelity_meta)

# What each construct becomes in both outputs (tests/fidelity/outputs.py):
# one fixture and its .expect file per construct, epubcheck on each EPUB.
file(GLOB_RECURSE OUTPUT_FIXTURES CONFIGURE_DEPENDS
  ${FOLIO_TESTS_DIR}/fidelity/outputs/*.md ${FOLIO_TESTS_DIR}/fidelity/outputs/*.qmd)
foreach(fixture ${OUTPUT_FIXTURES})
  get_filename_component(name ${fixture} NAME_WE)
  add_test(NAME fidelity.outputs.${name} COMMAND python3 ${FOLIO_TESTS_DIR}/fidelity/outputs.py
    ${FOLIO_BIN} ${FIDELITY_OUT}/outputs ${fixture})
  add_test(NAME epub.epubcheck.fidelity_${name} COMMAND ${CMAKE_COMMAND}
    -DEPUBS=${FIDELITY_OUT}/outputs/${name}.epub -P ${FOLIO_TESTS_DIR}/epub/epubcheck.cmake)
  set_tests_properties(fidelity.outputs.${name} PROPERTIES FIXTURES_SETUP fidelity_${name})
  set_tests_properties(epub.epubcheck.fidelity_${name} PROPERTIES FIXTURES_REQUIRED fidelity_${name})
endforeach()

# No missing-glyph box: a fixture with unprintable characters draws the same
# pixels as its twin without them (item 15).
add_test(NAME fidelity.no_boxes COMMAND python3 ${FOLIO_TESTS_DIR}/fidelity/no_boxes.py
  ${FOLIO_BIN} ${FIDELITY_OUT}/no_boxes ${FOLIO_TESTS_DIR}/fidelity/outputs/glyphs.md)
