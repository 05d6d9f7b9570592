# Project discovery: the root, the site settings of Quarto and Hugo, author
# pages and the project as the boundary of an issue's files.
add_test(NAME project.sites COMMAND sh ${FOLIO_TESTS_DIR}/project/run.sh ${FOLIO_BIN} ${FOLIO_TESTS_DIR}/project)
