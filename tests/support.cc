// Test helpers: temporary folders, running programs, and a minimal hand-written PDF writer.
#include "support.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <zlib.h>

#include <memory>

#include "search/search.h"

#ifndef CONCORD_SOURCE_DIR
#define CONCORD_SOURCE_DIR "."
#endif

namespace concord::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "concord-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed: " + std::string(std::strerror(errno)));
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string TempDir::write(const std::string& relative, std::string_view bytes) const {
  const fs::path full = path_ / relative;
  fs::create_directories(full.parent_path());
  std::ofstream out(full, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + full.string());
  return full.string();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

RunResult run(const std::vector<std::string>& argv) {
  RunResult result;
  if (argv.empty()) return result;
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    throw std::runtime_error("pipe failed");
  }
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd >= 0) dup2(null_fd, STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    execvp(args[0], args.data());
    const std::string message = "cannot run " + argv[0] + ": " + std::strerror(errno) + "\n";
    ssize_t ignored = ::write(STDERR_FILENO, message.data(), message.size());
    (void)ignored;
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  std::array<pollfd, 2> fds = {pollfd{out_pipe[0], POLLIN, 0}, pollfd{err_pipe[0], POLLIN, 0}};
  std::array<std::string*, 2> sinks = {&result.out, &result.err};
  int open_count = 2;
  char buffer[65536];
  while (open_count > 0) {
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
  for (const pollfd& fd : fds) {
    if (fd.fd >= 0) close(fd.fd);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = 128 + WTERMSIG(status);
  }
  return result;
}

std::string source_path(const std::string& relative) {
  return (fs::path(CONCORD_SOURCE_DIR) / relative).string();
}

std::string install_program(const std::string& prefix, const std::string& program,
                            const std::string& leave_out, std::string* module_dir) {
  fs::create_directories(fs::path(prefix) / "bin");
  const fs::path installed = fs::path(prefix) / "bin" / fs::path(program).filename();
  fs::copy_file(program, installed);
  const fs::path built = CONCORD_MODULE_BUILD_DIR;
  const fs::path modules = fs::path(prefix) / fs::relative(built, CONCORD_BINARY_DIR);
  fs::create_directories(modules);
  for (const auto& e : fs::directory_iterator(built))
    if (e.path().filename() != leave_out) fs::copy_file(e.path(), modules / e.path().filename());
  if (module_dir != nullptr) *module_dir = modules.string();
  return installed.string();
}

std::string needed_objects(const std::string& program) {
  const RunResult r = run({"/usr/bin/env", "LD_TRACE_LOADED_OBJECTS=1", program});
  if (r.exit_code != 0 || r.out.find("libxapian") == std::string::npos)
    throw std::runtime_error("the dynamic loader listed nothing for " + program);
  return r.out;
}

void copy_corpus(const std::string& dest) {
  fs::create_directories(dest);
  fs::copy(source_path("corpus"), dest,
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

namespace {

// Decodes UTF-8 and encodes it as Windows-1252 (what the PDF's WinAnsiEncoding font shows);
// characters outside Windows-1252 become '?'.
std::string utf8_to_cp1252(std::string_view text) {
  static constexpr std::array<char16_t, 32> kHigh = {
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    char32_t cp = c;
    size_t length = 1;
    if (c >= 0xF0) {
      length = 4, cp = c & 0x07;
    } else if (c >= 0xE0) {
      length = 3, cp = c & 0x0F;
    } else if (c >= 0xC0) {
      length = 2, cp = c & 0x1F;
    }
    for (size_t k = 1; k < length && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    i += length;
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) {
      out.push_back(static_cast<char>(cp));
      continue;
    }
    char mapped = '?';
    for (size_t k = 0; k < kHigh.size(); ++k) {
      if (kHigh[k] != 0 && kHigh[k] == cp) mapped = static_cast<char>(0x80 + k);
    }
    out.push_back(mapped);
  }
  return out;
}

// A PDF literal string: ( ) and \ escaped.
std::string pdf_literal(std::string_view bytes) {
  std::string out = "(";
  for (const char c : bytes) {
    if (c == '(' || c == ')' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back(')');
  return out;
}

// A PDF text string for the Info dictionary: a literal when ASCII, else UTF-16BE with a BOM.
std::string pdf_text_string(std::string_view utf8) {
  bool ascii = true;
  for (const char c : utf8) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return pdf_literal(utf8);
  std::string out = "<FEFF";
  char hex[8];
  for (size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    char32_t cp = c;
    size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (length > 1) cp = c & (0x7F >> length);
    for (size_t k = 1; k < length && i + k < utf8.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    }
    i += length;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(0xD800 + (cp >> 10)));
      out += hex;
      cp = 0xDC00 + (cp & 0x3FF);
    }
    std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(cp));
    out += hex;
  }
  out += ">";
  return out;
}

}  // namespace

// A page's content stream: its lines in 12-point Helvetica from the top left, 16 points apart.
static std::string text_content(std::string_view text) {
  std::string content = "BT\n/F1 12 Tf\n";
  bool first = true;
  while (true) {
    const size_t end = text.find('\n');
    content += first ? "72 740 Td " : "0 -16 Td ";
    content += pdf_literal(utf8_to_cp1252(text.substr(0, end))) + " Tj\n";
    first = false;
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return content + "ET\n";
}

std::string make_pdf(const std::vector<std::string>& pages, const std::string& title,
                     const std::string& date_yyyymmdd) {
  // Objects: 1 catalog, 2 page tree, 3 font, 4 info, then a page and its content per page.
  const size_t object_count = 4 + 2 * pages.size();
  std::vector<std::string> objects(object_count + 1);
  std::string kids;
  for (size_t i = 0; i < pages.size(); ++i) {
    const size_t page_id = 5 + 2 * i;
    kids += std::to_string(page_id) + " 0 R ";
    const std::string content = text_content(pages[i]);
    objects[page_id] =
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R "
        ">> >> /Contents " +
        std::to_string(page_id + 1) + " 0 R >>";
    objects[page_id + 1] =
        "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream";
  }
  if (!kids.empty()) kids.pop_back();
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[2] =
      "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
  std::string info = "<< /Producer (Concord tests)";
  if (!title.empty()) info += " /Title " + pdf_text_string(title);
  std::string digits;
  for (const char c : date_yyyymmdd) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  if (digits.size() == 8) info += " /CreationDate (D:" + digits + "000000Z)";
  objects[4] = info + " >>";

  return assemble_pdf(objects, "4 0 R");
}

std::string assemble_pdf(const std::vector<std::string>& objects, const std::string& info) {
  const size_t object_count = objects.size() - 1;
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets(object_count + 1, 0);
  for (size_t id = 1; id <= object_count; ++id) {
    offsets[id] = pdf.size();
    pdf += std::to_string(id) + " 0 obj\n" + objects[id] + "\nendobj\n";
  }
  const size_t xref_offset = pdf.size();
  pdf += "xref\n0 " + std::to_string(object_count + 1) + "\n0000000000 65535 f \n";
  char entry[32];
  for (size_t id = 1; id <= object_count; ++id) {
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offsets[id]);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(object_count + 1) + " /Root 1 0 R" +
         (info.empty() ? "" : " /Info " + info) + " >>\nstartxref\n" + std::to_string(xref_offset) +
         "\n%%EOF\n";
  return pdf;
}

std::string make_scanned_pdf(const std::vector<std::string>& pages, int dpi, double noise,
                             const std::vector<size_t>& text_pages) {
  const std::string typeset = make_pdf(pages);
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(typeset.data(), static_cast<int>(typeset.size())));
  if (!doc) throw std::runtime_error("make_scanned_pdf: cannot read its own PDF");
  // Objects: 1 catalog, 2 page tree, 3 font, then per page: page, content, image.
  std::vector<std::string> objects(4 + 3 * pages.size());
  std::string kids;
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> coin(0, 1);
  for (size_t i = 0; i < pages.size(); ++i) {
    const size_t page_id = 4 + 3 * i;
    kids += std::to_string(page_id) + " 0 R ";
    const bool text = std::find(text_pages.begin(), text_pages.end(), i) != text_pages.end();
    std::string content, resources;
    if (text) {
      content = text_content(pages[i]);
      resources = "<< /Font << /F1 3 0 R >> >>";
      objects[page_id + 2] = "null";
    } else {
      std::unique_ptr<poppler::page> page(doc->create_page(static_cast<int>(i)));
      poppler::page_renderer renderer;
      renderer.set_image_format(poppler::image::format_gray8);
      renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
      renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
      const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
      const int w = image.width(), h = image.height();
      std::string pixels;
      pixels.reserve(static_cast<size_t>(w) * h);
      for (int y = 0; y < h; ++y)
        pixels.append(image.const_data() + static_cast<size_t>(y) * image.bytes_per_row(), w);
      if (noise > 0)
        for (char& px : pixels)
          if (coin(rng) < noise) px = coin(rng) < 0.5 ? '\0' : '\xff';
      uLongf packed_size = compressBound(pixels.size());
      std::string packed(packed_size, '\0');
      compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                reinterpret_cast<const Bytef*>(pixels.data()), pixels.size(), 6);
      packed.resize(packed_size);
      objects[page_id + 2] = "<< /Type /XObject /Subtype /Image /Width " + std::to_string(w) +
                             " /Height " + std::to_string(h) +
                             " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode "
                             "/Length " + std::to_string(packed.size()) + " >>\nstream\n" + packed +
                             "\nendstream";
      content = "q 612 0 0 792 0 0 cm /Im1 Do Q\n";
      resources = "<< /XObject << /Im1 " + std::to_string(page_id + 2) + " 0 R >> >>";
    }
    objects[page_id] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources " +
                       resources + " /Contents " + std::to_string(page_id + 1) + " 0 R >>";
    objects[page_id + 1] =
        "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream";
  }
  if (!kids.empty()) kids.pop_back();
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[2] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
  return assemble_pdf(objects, "");
}

std::vector<std::string> hit_names(const std::string& db, const std::string& query) {
  SearchOptions o;
  o.db_path = db;
  o.query = query;
  o.limit = 100;
  std::vector<std::string> out;
  for (const auto& h : search(o).results)
    out.push_back(std::filesystem::path(h.path).filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string long_prose(size_t bytes) {
  static const char* const kWords[] = {"cooperative", "solidarity", "economy", "the",    "of",
                                       "and",         "decent",     "work",    "social", "mutual",
                                       "association", "members",    "local",   "policy", "report",
                                       "finance",     "women",      "youth",   "rural",  "market"};
  std::mt19937 random(7);
  std::string text;
  text.reserve(bytes + 128);
  for (size_t line = 1; text.size() < bytes; ++line) {
    for (int w = 0; w < 12; ++w) text += std::string(kWords[random() % 20]) + (w < 11 ? " " : "");
    text += line % 20 == 0 ? " the ILO and resolution A/RES/77/281\n" : "\n";
  }
  return text;
}

void overwrite(const std::string& file, uint64_t offset, const std::string& bytes) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(static_cast<std::streamoff>(offset));
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!f.good()) throw std::runtime_error("cannot overwrite " + file);
}

std::string noise(size_t n, unsigned seed) {
  std::mt19937 random(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(random() & 0xFF);
  return out;
}

std::vector<std::vector<std::string>> reading_commands(const std::string& doc) {
  return {{"search", "cooperative"},
          {"search", "title:resolution OR \"decent work\" OR org:ILO"},
          {"show", doc},
          {"stats"},
          {"failures"},
          {"mentions", "ILO"},
          {"entities"},
          {"xref", "resolution 77/281"},
          {"check", "--all"},
          {"graph"}};
}

Child::Child(const std::vector<std::string>& args, const std::string& out_file) {
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    setpgid(0, 0);  // its own process group: a server signalling its group reaches only its own
    FILE* out = std::fopen(out_file.c_str(), "w");
    if (out) {
      dup2(fileno(out), STDOUT_FILENO);
      dup2(fileno(out), STDERR_FILENO);
    }
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
}

Child::~Child() {
  if (pid_ <= 0) return;
  kill(-pid_, SIGTERM);  // the group: the child and what it started
  for (int i = 0; i < 50; ++i) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      kill(-pid_, SIGKILL);  // anything it left behind
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill(-pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

namespace {
sockaddr_in loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  return a;
}
}  // namespace

int free_port() {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a = loopback(0);
  if (bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(s);
    throw std::runtime_error("cannot bind a loopback port");
  }
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  close(s);
  return ntohs(a.sin_port);
}

CountingRelay::CountingRelay(int target_port) : target_port_(target_port) {
  // Close-on-exec, as run() opens its files: the programs a test starts must not hold them.
  listener_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a = loopback(0);
  socklen_t len = sizeof a;
  if (listener_ < 0 || bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      listen(listener_, 16) != 0 ||
      getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len) != 0 ||
      pipe2(stop_, O_CLOEXEC) != 0) {
    if (listener_ >= 0) close(listener_);
    throw std::runtime_error("cannot start the relay");
  }
  port_ = ntohs(a.sin_port);
  thread_ = std::thread([this] { serve(); });
}

CountingRelay::~CountingRelay() {
  const char c = 0;
  if (write(stop_[1], &c, 1) != 1) std::abort();  // the thread would never stop
  thread_.join();
  close(stop_[0]);
  close(stop_[1]);
  close(listener_);
}

void CountingRelay::serve() {
  struct Link {
    int client, server;
    bool server_spoke;  // the last bytes went from the server to the client
  };
  std::vector<Link> links;
  std::vector<char> buffer(1 << 16);
  // Writes all of `n` bytes to `fd`; false when the peer is gone.
  auto send_all = [](int fd, const char* data, size_t n) {
    while (n > 0) {
      const ssize_t w = ::send(fd, data, n, MSG_NOSIGNAL);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return false;
      data += w;
      n -= static_cast<size_t>(w);
    }
    return true;
  };
  for (;;) {
    std::vector<pollfd> fds = {{stop_[0], POLLIN, 0}, {listener_, POLLIN, 0}};
    for (const Link& l : links) {
      fds.push_back({l.client, POLLIN, 0});
      fds.push_back({l.server, POLLIN, 0});
    }
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[0].revents) break;
    if (fds[1].revents & (POLLERR | POLLNVAL)) break;  // the listener is broken: stop serving
    if (fds[1].revents & POLLIN) {
      const int client = accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      const int server = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      sockaddr_in a = loopback(target_port_);
      if (client >= 0 && server >= 0 &&
          connect(server, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
        links.push_back({client, server, true});
      } else {
        if (client >= 0) close(client);
        if (server >= 0) close(server);
      }
    }
    std::vector<Link> open;
    for (size_t i = 0; i < (fds.size() - 2) / 2; ++i) {
      Link l = links[i];
      bool alive = true;
      for (const bool from_client : {true, false}) {
        if (!alive || !(fds[2 + 2 * i + (from_client ? 0 : 1)].revents & (POLLIN | POLLHUP | POLLERR)))
          continue;
        ssize_t n;
        do {
          n = recv(from_client ? l.client : l.server, buffer.data(), buffer.size(), 0);
        } while (n < 0 && errno == EINTR);
        if (n <= 0 || !send_all(from_client ? l.server : l.client, buffer.data(),
                                static_cast<size_t>(n))) {
          alive = false;
          continue;
        }
        if (from_client && l.server_spoke) ++requests_;
        if (!from_client) replied_bytes_ += static_cast<uint64_t>(n);
        l.server_spoke = !from_client;
      }
      if (alive) {
        open.push_back(l);
      } else {
        close(l.client);
        close(l.server);
      }
    }
    // Links accepted in this round were not polled yet: keep them.
    for (size_t i = (fds.size() - 2) / 2; i < links.size(); ++i) open.push_back(links[i]);
    links = std::move(open);
  }
  for (const Link& l : links) {
    close(l.client);
    close(l.server);
  }
}

bool wait_for_port(int port, double seconds) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    const int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a = loopback(port);
    const bool up = connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    close(s);
    if (up) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace concord::test
