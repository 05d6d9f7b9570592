# cmake -DIN=file -DOUT=file.c -DNAME=symbol -P embed.cmake: writes a C file
# defining `const unsigned char NAME[]` and `const size_t NAME_len` with the
# bytes of IN, so that the library needs no data file at run time.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR len "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE ${OUT} "/* Generated from ${IN} by cmake/embed.cmake. */\n#include <stddef.h>\n"
     "const unsigned char ${NAME}[] = {\n${bytes}};\nconst size_t ${NAME}_len = ${len};\n")
