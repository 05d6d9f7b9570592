/* WebP decoding with libwebp straight into a cairo surface (libwebp writes
 * premultiplied pixels in cairo's byte order) and scaled while decoding. */
#include <webp/decode.h>

#include "image/codec.h"

cairo_surface_t *fimg_decode_webp(const unsigned char *d, size_t len, int want_w, int want_h,
                                  const char **why)
{
    WebPDecoderConfig config;
    if (!WebPInitDecoderConfig(&config) || WebPGetFeatures(d, len, &config.input) != VP8_STATUS_OK) {
        *why = "corrupt WebP";
        return NULL;
    }
    if (config.input.has_animation) {
        *why = "animated WebP not supported";
        return NULL;
    }
    int w = config.input.width, h = config.input.height;
    if (want_w > 0 && want_h > 0 && (want_w < w || want_h < h)) {
        config.options.use_scaling = 1;
        config.options.scaled_width = w = want_w;
        config.options.scaled_height = h = want_h;
    }
    cairo_surface_t *s = fimg_surface_unclear(w, h, why);
    if (!s)
        return NULL;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    config.output.colorspace = MODE_bgrA;
#else
    config.output.colorspace = MODE_Argb;
#endif
    config.output.is_external_memory = 1;
    config.output.u.RGBA.rgba = cairo_image_surface_get_data(s);
    config.output.u.RGBA.stride = cairo_image_surface_get_stride(s);
    config.output.u.RGBA.size = (size_t)config.output.u.RGBA.stride * (size_t)h;
    VP8StatusCode st = WebPDecode(d, len, &config);
    WebPFreeDecBuffer(&config.output);
    if (st != VP8_STATUS_OK) {
        cairo_surface_destroy(s);
        *why = st == VP8_STATUS_NOT_ENOUGH_DATA ? "truncated WebP" : "corrupt WebP";
        return NULL;
    }
    cairo_surface_mark_dirty(s);
    return s;
}
