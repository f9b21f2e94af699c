#include "mail/smtp_sender.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <mutex>

#include "base/clock.h"

namespace spse::mail {
namespace {

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64(std::string_view in) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += kB64[(n >> 6) & 63];
    out += kB64[n & 63];
  }
  if (i < in.size()) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += i + 1 < in.size() ? kB64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Folded at 76 characters, as MIME asks.
std::string Base64Lines(std::string_view in) {
  const std::string b = Base64(in);
  std::string out;
  for (size_t i = 0; i < b.size(); i += 76) {
    out += b.substr(i, 76);
    out += "\r\n";
  }
  return out;
}

// RFC 2047 encoded-words for non-ASCII header text: each word at most 75
// characters (45 bytes of text), never splitting a UTF-8 character, the
// words on folded lines.
std::string EncodeHeader(std::string_view text) {
  const bool ascii = std::all_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
  });
  if (ascii) return std::string(text);
  std::string out;
  while (!text.empty()) {
    size_t n = std::min<size_t>(45, text.size());
    while (n < text.size() && n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(0, n)) + "?=";
    text.remove_prefix(n);
  }
  return out;
}

// Text bodies travel with CRLF line ends (RFC 2045 canonical form).
std::string Crlf(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

// No CR or LF may reach a header: header injection.
std::string OneLine(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

struct Payload {
  std::string data;
  size_t pos = 0;
};

size_t ReadPayload(char* buffer, size_t size, size_t nitems, void* userdata) {
  auto* p = static_cast<Payload*>(userdata);
  const size_t room = size * nitems;
  const size_t n = std::min(room, p->data.size() - p->pos);
  std::memcpy(buffer, p->data.data() + p->pos, n);
  p->pos += n;
  return n;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

std::string BuildMessage(const SmtpConfig& config, const domain::OutgoingMail& mail,
                         std::int64_t unix_seconds, const std::string& message_id) {
  char date[64];
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  std::string m;
  m += "Date: " + std::string(date) + "\r\n";
  m += "From: " + EncodeHeader(OneLine(config.from_name)) + " <" + OneLine(config.from) + ">\r\n";
  m += "To: <" + OneLine(mail.to) + ">\r\n";
  m += "Message-ID: <" + message_id + ">\r\n";
  m += "Subject: " + EncodeHeader(OneLine(mail.subject)) + "\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: base64\r\n";
  m += "\r\n";
  m += Base64Lines(Crlf(mail.body));
  return m;
}

SmtpSender::SmtpSender(SmtpConfig config) : config_(std::move(config)) { GlobalInit(); }

Status SmtpSender::Send(const domain::OutgoingMail& mail) {
  if (mail.to.find_first_of("\r\n<>") != std::string::npos) {
    return InvalidArgument("mail.recipient_invalid", mail.to);
  }
  CURL* curl = curl_easy_init();
  if (!curl) return Unavailable("mail.send_failed", "curl_easy_init");
  const std::string domain = config_.from.substr(config_.from.find('@') + 1);
  const std::string message_id = "spse." + std::to_string(mail.id) + "." +
                                 std::to_string(SystemClock::Get().Now()) + "@" + domain;
  Payload payload{BuildMessage(config_, mail, SystemClock::Get().Now() / kMicrosPerSecond, message_id)};
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + mail.to + ">").c_str());
  const std::string from = "<" + config_.from + ">";
  curl_easy_setopt(curl, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadPayload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &payload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, config_.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (config_.require_tls) curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!config_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, config_.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) return Unavailable("mail.send_failed", curl_easy_strerror(rc));
  return OkStatus();
}

}  // namespace spse::mail
