#include "image/xml_lib.h"

#include "util/lazylib.h"

struct fimg_xml_lib xml_lib;

bool fimg_xml_open(void)
{
    static const char *const names[] = {
        "xmlReadMemory",  "xmlFreeDoc",          "xmlDocGetRootElement", "xmlGetIntSubset",
        "xmlUnlinkNode",  "xmlFreeNode",         "xmlFreeDtd",           "xmlDocDumpMemoryEnc",
        "xmlNodeSetName", "xmlRemoveProp",       "xmlNodeGetContent",    "xmlGetProp",
        "xmlGetNsProp",   "xmlFree"};
    _Static_assert(sizeof xml_lib == sizeof names, "one name per slot");
    return lazylib_open("libxml2.so.2", names, (void **)&xml_lib, sizeof names / sizeof *names);
}
