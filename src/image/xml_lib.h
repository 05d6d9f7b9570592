/* libxml2 for the SVG checks (svg_clean.c, svg_text_size.c), opened the
 * first time an SVG is read (util/lazylib.h): with the ICU and liblzma it
 * pulls in, most runs never need it. Calls go through xml_lib, each named
 * as libxml2 names it without "xml". */
#ifndef FOLIO_IMAGE_XML_LIB_H
#define FOLIO_IMAGE_XML_LIB_H

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdbool.h>

extern struct fimg_xml_lib {
    __typeof__(&xmlReadMemory) ReadMemory;
    __typeof__(&xmlFreeDoc) FreeDoc;
    __typeof__(&xmlDocGetRootElement) DocGetRootElement;
    __typeof__(&xmlGetIntSubset) GetIntSubset;
    __typeof__(&xmlUnlinkNode) UnlinkNode;
    __typeof__(&xmlFreeNode) FreeNode;
    __typeof__(&xmlFreeDtd) FreeDtd;
    __typeof__(&xmlDocDumpMemoryEnc) DocDumpMemoryEnc;
    __typeof__(&xmlNodeSetName) NodeSetName;
    __typeof__(&xmlRemoveProp) RemoveProp;
    __typeof__(&xmlNodeGetContent) NodeGetContent;
    __typeof__(&xmlGetProp) GetProp;
    __typeof__(&xmlGetNsProp) GetNsProp;
    xmlFreeFunc *Free; /* libxml2's deallocator is a variable */
} xml_lib;

/* Opens libxml2 once; false when it cannot be loaded. */
bool fimg_xml_open(void);

/* xmlFree: what libxml2 allocated. */
static inline void xml_free(void *p)
{
    (*xml_lib.Free)(p);
}

#endif
