// Shared by the web tests that call the Site directly.
#pragma once

#include <string>

#include "web/site.h"

namespace concord::test {

// A site on `db`, rendering page images in this process (the server runs a helper instead).
inline concord::SiteOptions site_options(const std::string& db, const std::string& accept_file = "",
                                  const std::string& authorization = "") {
  concord::SiteOptions o;
  o.db_path = db;
  o.accept_file = accept_file;
  o.authorization = authorization;
  return o;
}

// The <script> tags of a page that are not the site's own (/static/concord.js, in the
// layout): what an injection would add.
inline size_t foreign_scripts(const std::string& html) {
  static const std::string kOwn = "<script src=\"/static/concord.js\" defer></script>";
  size_t foreign = 0;
  for (size_t at = 0; (at = html.find("<script", at)) != std::string::npos; ++at)
    foreign += html.compare(at, kOwn.size(), kOwn) != 0;
  return foreign;
}

}  // namespace concord::test
