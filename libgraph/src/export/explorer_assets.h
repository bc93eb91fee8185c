// The explorer page's frame, generated at build time (cmake/EmbedExplorer.cmake) from
// libgraph/src/export/explorer/: the HTML template with its styles, its script and a
// Content-Security-Policy that allows exactly those (by hash) and nothing from anywhere else.
// The page is kBeforeTitle, the title, kBeforeData, the data (JSON), kAfterData.

#ifndef AIKG_EXPORT_EXPLORER_ASSETS_H_
#define AIKG_EXPORT_EXPLORER_ASSETS_H_

#include <string_view>

namespace aikg::internal::explorer {

extern const std::string_view kBeforeTitle;
extern const std::string_view kBeforeData;
extern const std::string_view kAfterData;

}  // namespace aikg::internal::explorer

#endif  // AIKG_EXPORT_EXPLORER_ASSETS_H_
