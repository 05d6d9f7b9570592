# Quarto listing pages (tests/listing): the entries in the model (golden
# dumps), in the EPUB (golden chapter, epubcheck) and on the PDF's pages
# (order, words, warnings; left out of a compilation).
set(LISTING_DIR ${CMAKE_CURRENT_SOURCE_DIR}/listing)
foreach(page site/issues broken/index)
  get_filename_component(dir ${page} DIRECTORY)
  get_filename_component(name ${page} NAME)
  add_test(NAME listing.golden.${dir}
    COMMAND sh ${FOLIO_TESTS_DIR}/golden/run.sh ${FOLIO_BIN} ${LISTING_DIR}/${dir} ${name}.qmd)
endforeach()
epub_book(listing ARGS -DINPUTS=${LISTING_DIR}/site/issues.qmd -DGOLDEN=${LISTING_DIR}/site.xhtml)
add_test(NAME listing.pdf COMMAND sh ${LISTING_DIR}/check.sh ${FOLIO_BIN} ${LISTING_DIR})
