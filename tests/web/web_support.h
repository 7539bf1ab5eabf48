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

}  // namespace concord::test
