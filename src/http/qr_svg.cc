#include "http/qr_svg.h"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "http/view.h"

namespace spse::http {

StatusOr<std::string> QrSvg(std::string_view text, std::string_view label, int size_px) {
  const std::string input(text);
  std::unique_ptr<QRcode, void (*)(QRcode*)> qr(
      QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
  if (!qr) return Internal("qr.encode_failed", std::strerror(errno));
  constexpr int kQuiet = 4;
  const int width = qr->width;
  const int side = width + 2 * kQuiet;
  // One path: a run of dark modules in a row is one rectangle.
  std::string path;
  for (int y = 0; y < width; ++y) {
    int x = 0;
    while (x < width) {
      if (!(qr->data[y * width + x] & 1)) {
        ++x;
        continue;
      }
      const int start = x;
      while (x < width && (qr->data[y * width + x] & 1)) ++x;
      path += "M" + std::to_string(start + kQuiet) + " " + std::to_string(y + kQuiet) + "h" +
              std::to_string(x - start) + "v1h-" + std::to_string(x - start) + "z";
    }
  }
  const std::string px = std::to_string(size_px);
  const std::string escaped = HtmlEscape(label);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" aria-label=\"" +
         escaped + "\" width=\"" + px + "\" height=\"" + px + "\" viewBox=\"0 0 " +
         std::to_string(side) + " " + std::to_string(side) +
         "\" shape-rendering=\"crispEdges\"><title>" + escaped +
         "</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" +
         path + "\"/></svg>";
}

}  // namespace spse::http
