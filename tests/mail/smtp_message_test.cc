#include <gtest/gtest.h>

#include "mail/smtp_sender.h"
#include "mail/template_composer.h"

namespace spse::mail {
namespace {

domain::OutgoingMail AMail() {
  domain::OutgoingMail m;
  m.id = 7;
  m.to = "auditor@bangkalankab.go.id";
  m.subject = "Atur ulang kata sandi — SPSE";
  m.body = "Yth. Bapak/Ibu,\nTautan: https://spse.test/akun/reset?token=abc\n";
  return m;
}

TEST(BuildMessage, HasTheHeadersMailServersExpect) {
  const SmtpConfig config{"smtp://127.0.0.1:25", "lpse@bangkalan.test", "LPSE Bangkalan", "", "",
                          false, 30};
  const std::string msg = BuildMessage(config, AMail(), 1'767'225'600, "x.1@bangkalan.test");
  EXPECT_NE(msg.find("Date: Thu, 01 Jan 2026 00:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(msg.find("From: LPSE Bangkalan <lpse@bangkalan.test>\r\n"), std::string::npos);
  EXPECT_NE(msg.find("To: <auditor@bangkalankab.go.id>\r\n"), std::string::npos);
  EXPECT_NE(msg.find("Message-ID: <x.1@bangkalan.test>\r\n"), std::string::npos);
  // Non-ASCII subjects are RFC 2047 encoded words.
  EXPECT_NE(msg.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(msg.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(msg.find("Content-Transfer-Encoding: base64\r\n\r\n"), std::string::npos);
}

TEST(BuildMessage, ASubjectCannotInjectHeaders) {
  domain::OutgoingMail m = AMail();
  m.subject = "Halo\r\nBcc: everyone@example.com";
  const SmtpConfig config{"smtp://x", "lpse@bangkalan.test", "LPSE", "", "", false, 30};
  const std::string msg = BuildMessage(config, m, 0, "id@x");
  EXPECT_EQ(msg.find("\r\nBcc:"), std::string::npos);
  EXPECT_NE(msg.find("Subject: Halo  Bcc: everyone@example.com\r\n"), std::string::npos);
}

TEST(BuildMessage, LongSubjectsFoldIntoShortEncodedWords) {
  domain::OutgoingMail m = AMail();
  m.subject = "Pemberitahuan — " + std::string(40, 'a') + " ✓ " + std::string(40, 'b');
  const SmtpConfig config{"smtp://x", "lpse@bangkalan.test", "LPSE", "", "", false, 30};
  const std::string msg = BuildMessage(config, m, 0, "id@x");
  const size_t start = msg.find("Subject: ");
  const size_t end = msg.find("\r\nMIME-Version");
  const std::string subject = msg.substr(start, end - start);
  size_t words = 0;
  for (size_t pos = subject.find("=?UTF-8?B?"); pos != std::string::npos;
       pos = subject.find("=?UTF-8?B?", pos + 1)) {
    const size_t close = subject.find("?=", pos + 10);
    EXPECT_LE(close + 2 - pos, 75u) << "an encoded word is at most 75 characters";
    ++words;
  }
  EXPECT_GE(words, 2u);
  EXPECT_NE(subject.find("?=\r\n =?UTF-8?B?"), std::string::npos) << "folded";
}

TEST(SmtpSender, RefusesARecipientWithControlCharacters) {
  SmtpSender sender({"smtp://127.0.0.1:1", "lpse@bangkalan.test", "LPSE", "", "", false, 1});
  domain::OutgoingMail m = AMail();
  m.to = "a@b.c>\r\nRCPT TO:<victim@x.y";
  EXPECT_EQ(sender.Send(m).reason(), "mail.recipient_invalid");
}

TEST(SmtpSender, AnUnreachableServerIsARetryableError) {
  SmtpSender sender({"smtp://127.0.0.1:1", "lpse@bangkalan.test", "LPSE", "", "", false, 2});
  const Status s = sender.Send(AMail());
  EXPECT_EQ(s.code(), Code::kUnavailable);
  EXPECT_EQ(s.reason(), "mail.send_failed");
}

TEST(TemplateComposer, ShipsBilingualTemplatesWithSubjectFirst) {
  auto composer = TemplateComposer::Load(std::string(SPSE_SOURCE_DIR) + "/web/mail");
  ASSERT_TRUE(composer.ok()) << composer.status().ToString();
  auto mail = (*composer)->Compose("password_reset", {{"name", "Ir. Lilik & <Tim>"},
                                                      {"username", "auditor"},
                                                      {"link", "https://spse.test/akun/reset?token=t"},
                                                      {"minutes", "60"}});
  ASSERT_TRUE(mail.ok()) << mail.status().ToString();
  EXPECT_EQ(mail->subject, "Atur ulang kata sandi SPSE / Reset your SPSE password");
  EXPECT_NE(mail->body.find("Yth. Ir. Lilik & <Tim>,"), std::string::npos) << "plain text, no HTML escaping";
  EXPECT_NE(mail->body.find("https://spse.test/akun/reset?token=t"), std::string::npos);
  EXPECT_LT(mail->body.find("Tautan ini hanya dapat dipakai satu kali"), mail->body.find("--- English ---"));
  EXPECT_EQ((*composer)->Compose("no_such_mail", {}).status().reason(), "mail.template_unknown");
}

}  // namespace
}  // namespace spse::mail
