// What inconsistent-definition compares: long_form_key() makes spelling variants of one
// name equal and keeps names of different things apart; the checker reports only the latter.
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "check/check.h"
#include "index/indexer.h"
#include "support.h"

using concord::FindingKind;
using concord::long_form_key;

TEST_CASE("long-form keys: spelling variants are one name", "[check][definitions]") {
  const std::vector<std::pair<std::string, std::string>> same = {
      // British and American spelling
      {"Organisation of African Unity", "Organization of African Unity"},
      {"International Labour Organization", "International Labor Organization"},
      {"United Nations Environment Programme", "United Nations Environment Program"},
      {"Programmes of Action", "Program of Action"},
      {"Centre for Human Rights", "Center for Human Rights"},
      {"Specialised Agencies", "Specialized agencies"},
      {"Department of Defence", "Department of Defense"},
      {"Honourable Members", "Honorable Members"},
      {"Modelling Centre", "Modeling Center"},
      // case, accents, apostrophes
      {"Comisión Económica para América Latina", "COMISION ECONOMICA PARA AMERICA LATINA"},
      {"South West Africa People's Organization", "South West Africa People’s Organization"},
      // hyphens, also left by a line break, and words written together
      {"Co-operative Development Foundation", "Cooperative Development Foundation"},
      {"Non- Proliferation Treaty", "Non-Proliferation Treaty"},
      {"Non -Proliferation Treaty", "Nonproliferation Treaty"},
      {"South-West Africa People's Organization", "South West Africa People's Organization"},
      {"Association of South-East Asian Nations", "Association of Southeast Asian Nations"},
      {"Conference on Security and Co operation in Europe",
       "Conference on Security and Cooperation in Europe"},
      // articles and linking words
      {"the United Nations Conference on Trade and Development",
       "United Nations Conference on Trade and Development"},
      {"Islamic State of Iraq and the Levant", "Islamic State in Iraq and the Levant"},
      {"General Agreement in Tariffs and Trade", "General Agreement on Tariffs & Trade"},
      {"African Union Mission in Sudan", "African Union Mission in the Sudan"},
      {"Organisation de l'unité africaine", "Organisation de l’Unité Africaine"},
      // plurals
      {"small island developing States", "Small Islands Developing State"},
      {"Least Developed Countries", "least developed country"},
      {"International Negotiations Network", "International Negotiation Network"},
      // "UN" for the United Nations
      {"UN Convention on the Law of the Sea", "United Nations Convention on the Law of the Sea"},
      // numbers caught from footnotes and page headers
      {"United Nations 7 06-53609 Mission in Liberia", "United Nations Mission in Liberia"},
      {"North Atlantic Treaty 8 Organization", "North Atlantic Treaty Organization"},
  };
  for (const auto& [a, b] : same) {
    INFO(a << " | " << b);
    CHECK(long_form_key(a) == long_form_key(b));
    CHECK(!long_form_key(a).empty());
  }
}

TEST_CASE("long-form keys: names of different things stay apart", "[check][definitions]") {
  const std::vector<std::pair<std::string, std::string>> different = {
      {"Organization of Islamic Cooperation", "Organization of the Islamic Conference"},
      {"International Criminal Court", "International Chamber of Commerce"},
      {"Council of the European Union", "European Union"},
      {"Food and Agriculture Organization of the United Nations", "United Nations"},
      {"World Trade Organization", "World Tourism Organization"},
      {"Office of the United Nations High Commissioner for Refugees",
       "Office of the United Nations High Commissioner for Human Rights"},
      {"Global Social Economy Forum", "Global Solidarity Economy Forum"},
      {"least developed countries", "landlocked developing countries"},
      {"Centre for Disease Control", "Community of Democratic Choice"},
      {"United Nations Population Fund", "United Nations Fund for Population Activities"},
      {"Strategic Arms Reduction Talks", "Strategic Arms Reduction Treaty"},
      {"Four Freedoms", "For Freedoms"},  // "-our" is not "-or" in a short word
  };
  for (const auto& [a, b] : different) {
    INFO(a << " | " << b);
    CHECK(long_form_key(a) != long_form_key(b));
  }
}

TEST_CASE("inconsistent-definition ignores spelling variants across documents",
          "[check][definitions]") {
  concord::test::TempDir dir;
  auto doc = [](const std::string& body) {
    return "Title: Note\nDate: 1 May 1990\n\n" + body + "\n";
  };
  dir.write("docs/a.txt", doc("The Organisation of African Unity (OAU) met in Addis Ababa."));
  dir.write("docs/b.txt", doc("Members of the Organization of African Unity (OAU) agreed."));
  dir.write("docs/c.txt", doc("The OAU (the Organization of African unity) was founded in 1963."));
  dir.write("docs/d.txt", doc("The OAU (Organization of American Unity) is another thing."));
  dir.write("docs/e.txt", doc("The Co-operative Development Agency (CDAG) helps."));
  dir.write("docs/f.txt", doc("The Cooperative Development Agency (CDAG) helped."));
  concord::IndexOptions index;
  index.db_path = dir.str() + "/db";
  index.roots = {dir.str() + "/docs"};
  REQUIRE(concord::run_index(index, nullptr).failed == 0);
  concord::RunCheckOptions o;
  o.db_path = index.db_path;
  const concord::CheckReport r = concord::run_check(o);
  std::vector<std::string> written;
  for (const concord::Finding& f : r.findings)
    if (f.kind == FindingKind::kInconsistentDefinition) written.push_back(f.written);
  CHECK(written == std::vector<std::string>{"OAU (Organization of American Unity)"});
}
