/* Every default of folio in one place: the options a caller starts from
 * and the limits against hostile input. */
#include "options.h"

#include <string.h>

void folio_limits_fill(folio_limits *l)
{
    if (!l->max_input_bytes)
        l->max_input_bytes = 16u << 20;
    if (!l->max_line_bytes)
        l->max_line_bytes = 1u << 20;
    if (!l->max_nesting)
        l->max_nesting = 64;
    if (!l->max_include_depth)
        l->max_include_depth = 8;
    if (!l->max_table_cells)
        l->max_table_cells = 100000;
    if (!l->max_image_pixels)
        l->max_image_pixels = 100000000;
    if (!l->max_image_bytes)
        l->max_image_bytes = 32u << 20;
    if (!l->max_output_bytes)
        l->max_output_bytes = (size_t)1 << 30;
    if (!l->fetch_timeout_ms)
        l->fetch_timeout_ms = 30000;
    if (!l->fetch_total_ms)
        l->fetch_total_ms = 60000;
    if (!l->max_held_pages)
        l->max_held_pages = 1000;
    if (!l->max_surface_pages)
        l->max_surface_pages = 1024;
}

void folio_options_init(folio_options *o)
{
    memset(o, 0, sizeof *o);
    folio_limits_fill(&o->limits);
}

void folio_render_options_init(folio_render_options *o)
{
    memset(o, 0, sizeof *o);
    o->toc = -1;
    o->toc_depth = OPTIONS_TOC_DEPTH;
    o->source_date_epoch = -1;
    folio_limits_fill(&o->limits);
}
