#include "app/stored_file.h"

#include <string>

namespace spse::app {

StatusOr<BlobInfo> StoreBytes(BlobPort& blobs, std::string_view bytes) {
  SPSE_ASSIGN_OR_RETURN(auto sink, blobs.NewSink(bytes.size()));
  SPSE_RETURN_IF_ERROR(sink->Append(bytes));
  return sink->Commit();
}

StatusOr<BlobInfo> StorePrinted(DocumentPrinter& printer, BlobPort& blobs,
                                const PrintedDocument& doc) {
  SPSE_ASSIGN_OR_RETURN(std::string pdf, printer.Render(doc));
  return StoreBytes(blobs, pdf);
}

}  // namespace spse::app
