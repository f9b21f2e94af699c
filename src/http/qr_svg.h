// A QR code as inline SVG markup (libqrencode), for the otpauth:// URI on the
// enrolment page: no image file, no script, nothing the CSP has to allow.
#ifndef SPSE_HTTP_QR_SVG_H_
#define SPSE_HTTP_QR_SVG_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace spse::http {

// An <svg> of `text` encoded as a QR code (error correction level M, a
// four-module quiet zone), `size_px` wide, labelled `label` for screen
// readers (HTML-escaped here). Reason: "qr.encode_failed" (kInternal).
StatusOr<std::string> QrSvg(std::string_view text, std::string_view label, int size_px = 200);

}  // namespace spse::http

#endif  // SPSE_HTTP_QR_SVG_H_
