// Keeping generated files: bytes (a demo document, a sealed offer) and
// printed documents (Berita Acara, SPPBJ, contract summary) written into
// the blob store, named by their SHA-256.
#ifndef SPSE_APP_STORED_FILE_H_
#define SPSE_APP_STORED_FILE_H_

#include <string_view>

#include "app/ports.h"

namespace spse::app {

// Reasons: the blob store's.
StatusOr<BlobInfo> StoreBytes(BlobPort& blobs, std::string_view bytes);

// Renders `doc` and keeps the PDF. Reasons: "pdf.error", the blob store's.
StatusOr<BlobInfo> StorePrinted(DocumentPrinter& printer, BlobPort& blobs,
                                const PrintedDocument& doc);

}  // namespace spse::app

#endif  // SPSE_APP_STORED_FILE_H_
