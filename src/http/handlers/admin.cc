// Admin Sistem: agencies and non-vendor accounts (Pasal 8, 21(1)b).
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace spse::http::handlers {
namespace {

data AgencyView(Context& ctx, const domain::Agency& a,
                const std::vector<domain::Agency>& all) {
  data v;
  v.set("id", std::to_string(a.id));
  v.set("code", a.code);
  v.set("name", a.name);
  v.set("address", a.address);
  v.set("kind_code", std::string(domain::AgencyKindCode(a.kind)));
  v.set("kind", ctx.T("agency.kind." + std::string(domain::AgencyKindCode(a.kind))));
  v.set("active", a.active);
  for (const auto& p : all) {
    if (a.parent_id && p.id == *a.parent_id) v.set("parent", p.name);
  }
  return v;
}

// The SKPD options of a parent <select>, with `selected` marked.
data ParentOptions(const std::vector<domain::Agency>& all, std::optional<std::int64_t> selected) {
  data list = List();
  for (const auto& a : all) {
    if (a.kind != domain::AgencyKind::kSkpd) continue;
    data o;
    o.set("id", std::to_string(a.id));
    o.set("name", a.name);
    o.set("selected", selected && *selected == a.id);
    list.push_back(o);
  }
  return list;
}

data KindOptions(Context& ctx, domain::AgencyKind selected) {
  data list = List();
  for (auto k : {domain::AgencyKind::kSkpd, domain::AgencyKind::kSatker,
                 domain::AgencyKind::kInstitution}) {
    data o;
    o.set("code", std::string(domain::AgencyKindCode(k)));
    o.set("label", ctx.T("agency.kind." + std::string(domain::AgencyKindCode(k))));
    o.set("selected", k == selected);
    list.push_back(o);
  }
  return list;
}

data AgencyOptions(const std::vector<domain::Agency>& all, std::optional<std::int64_t> selected) {
  data list = List();
  for (const auto& a : all) {
    data o;
    o.set("id", std::to_string(a.id));
    o.set("name", a.name);
    o.set("selected", selected && *selected == a.id);
    list.push_back(o);
  }
  return list;
}

data RoleOptions(Context& ctx, const domain::RoleSet& selected) {
  data list = List();
  for (domain::Role r : domain::kAllRoles) {
    if (r == domain::Role::kPenyedia) continue;  // vendors register themselves
    const std::string code(domain::RoleCode(r));
    data o;
    o.set("code", code);
    o.set("label", ctx.T("role." + code));
    o.set("checked", selected.Has(r));
    o.set("lpse", domain::IsLpseRole(r));
    list.push_back(o);
  }
  return list;
}

domain::Agency AgencyFromForm(Context& ctx, Status& error) {
  domain::Agency a;
  a.code = Field(ctx, "code");
  a.name = Field(ctx, "name");
  a.address = Field(ctx, "address");
  a.active = ctx.req.form.Get("active") != "0";
  auto kind = domain::ParseAgencyKind(Field(ctx, "kind"));
  if (!kind) error = InvalidArgument("agency.kind_invalid");
  a.kind = kind.value_or(domain::AgencyKind::kSkpd);
  const std::string parent = Field(ctx, "parent_id");
  if (!parent.empty()) {
    a.parent_id = ParseId(parent);
    if (!a.parent_id) error = InvalidArgument("agency.parent_not_found");
  }
  return a;
}

StatusOr<domain::RoleSet> RolesFromForm(Context& ctx) {
  domain::RoleSet roles;
  for (const std::string& code : ctx.req.form.GetAll("roles")) {
    auto r = domain::ParseRole(code);
    if (!r || *r == domain::Role::kPenyedia) return InvalidArgument("role.unknown");
    roles.Add(*r);
  }
  return roles;
}

std::optional<std::int64_t> AgencyIdFromForm(Context& ctx) {
  return ParseId(Field(ctx, "agency_id"));
}

data UserRow(Context& ctx, const domain::User& u, const std::vector<domain::Agency>& agencies) {
  data v;
  v.set("id", std::to_string(u.id));
  v.set("username", u.username);
  v.set("full_name", u.full_name);
  v.set("email", u.email);
  v.set("active", u.active);
  data roles = List();
  for (domain::Role r : u.roles.ToVector()) roles.push_back(ctx.T("role." + std::string(domain::RoleCode(r))));
  v.set("roles", roles);
  for (const auto& a : agencies) {
    if (u.agency_id && a.id == *u.agency_id) v.set("agency", a.name);
  }
  return v;
}

StatusOr<Response> RenderAgencyList(Context& ctx, int status, const Status& error,
                                    const domain::Agency* draft) {
  auto& admin = ctx.site.services().admin;
  SPSE_ASSIGN_OR_RETURN(auto agencies, admin.ListAgencies(ctx.actor()));
  data view;
  view.set("title", ctx.T("agencies.title"));
  data rows = List();
  for (const auto& a : agencies) rows.push_back(AgencyView(ctx, a, agencies));
  view.set("agencies", rows);
  const domain::Agency blank;
  const domain::Agency& form = draft ? *draft : blank;
  view.set("form_code", form.code);
  view.set("form_name", form.name);
  view.set("form_address", form.address);
  view.set("kinds", KindOptions(ctx, form.kind));
  view.set("parents", ParentOptions(agencies, form.parent_id));
  if (!error.ok()) SetError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page("admin_instansi", view, status);
}

StatusOr<Response> RenderUserList(Context& ctx, int status, const Status& error,
                                  const app::NewUser* draft, const std::string& created_notice) {
  auto& admin = ctx.site.services().admin;
  app::UserFilter filter;
  filter.text = ctx.req.query.Get("q").substr(0, 100);
  filter.agency_id = ParseId(ctx.req.query.Get("instansi"));
  if (auto r = domain::ParseRole(ctx.req.query.Get("peran"))) filter.role = *r;
  filter.limit = 200;
  SPSE_ASSIGN_OR_RETURN(auto users, admin.ListUsers(ctx.actor(), filter));
  SPSE_ASSIGN_OR_RETURN(auto agencies, admin.ListAgencies(ctx.actor()));
  data view;
  view.set("title", ctx.T("users.title"));
  view.set("q", filter.text);
  data rows = List();
  for (const auto& u : users) rows.push_back(UserRow(ctx, u, agencies));
  view.set("users", rows);
  view.set("user_count", std::to_string(users.size()));
  view.set("filter_agencies", AgencyOptions(agencies, filter.agency_id));
  data filter_roles = List();
  for (domain::Role r : domain::kAllRoles) {
    const std::string code(domain::RoleCode(r));
    data o;
    o.set("code", code);
    o.set("label", ctx.T("role." + code));
    o.set("selected", filter.role && *filter.role == r);
    filter_roles.push_back(o);
  }
  view.set("filter_roles", filter_roles);
  const app::NewUser blank;
  const app::NewUser& form = draft ? *draft : blank;
  view.set("form_username", form.username);
  view.set("form_full_name", form.full_name);
  view.set("form_email", form.email);
  view.set("roles", RoleOptions(ctx, form.roles));
  view.set("agencies", AgencyOptions(agencies, form.agency_id));
  if (!error.ok()) SetError(ctx, view, error);
  if (!created_notice.empty()) view.set("temporary_password", created_notice);
  SetNotice(ctx, view);
  return ctx.Page("admin_pengguna", view, status);
}

StatusOr<Response> RenderUserPage(Context& ctx, std::int64_t id, int status, const Status& error,
                                  const std::string& temporary_password) {
  auto& admin = ctx.site.services().admin;
  SPSE_ASSIGN_OR_RETURN(domain::User u, admin.GetUser(ctx.actor(), id));
  SPSE_ASSIGN_OR_RETURN(auto agencies, admin.ListAgencies(ctx.actor()));
  data view = UserRow(ctx, u, agencies);
  view.set("title", u.full_name);
  view.set("is_vendor", u.roles.Has(domain::Role::kPenyedia));
  view.set("role_options", RoleOptions(ctx, u.roles));
  view.set("agencies", AgencyOptions(agencies, u.agency_id));
  view.set("created", ctx.FormatTime(u.created_at));
  view.set("must_change", u.must_change_password);
  view.set("is_self", u.id == ctx.who.user_id);
  SPSE_ASSIGN_OR_RETURN(const app::SecondFactorOverview second_factor,
                        ctx.site.services().second_factor.OverviewOf(ctx.actor(), id));
  view.set("totp_enabled", second_factor.enabled);
  view.set("totp_required", second_factor.required);
  // Pasal 21(1)b: where the account stands with the Verifikator, and its letters.
  const auto& verification = u.verification;
  view.set("verification", ctx.T("registration.status." +
                                 std::string(domain::AccountStatusCode(verification.status))));
  view.set("verification_code", std::string(domain::AccountStatusCode(verification.status)));
  view.set("rejected", verification.status == domain::AccountStatus::kRejected);
  view.set("rejection_note", verification.rejection_note);
  view.set("can_replace_letter", !u.roles.Has(domain::Role::kPenyedia) &&
                                     verification.status != domain::AccountStatus::kVerified);
  SPSE_ASSIGN_OR_RETURN(auto letters, admin.Documents(ctx.actor(), id));
  data letter_rows = List();
  for (const auto& d : letters) {
    data r;
    r.set("id", std::to_string(d.id));
    r.set("filename", d.filename);
    r.set("uploaded", ctx.FormatTime(d.uploaded_at));
    r.set("current", d.current());
    letter_rows.push_back(r);
  }
  view.set("letters", letter_rows);
  view.set("has_letters", !letters.empty());
  if (!error.ok()) SetError(ctx, view, error);
  if (!temporary_password.empty()) view.set("temporary_password", temporary_password);
  SetNotice(ctx, view);
  return ctx.Page("admin_pengguna_detail", view, status);
}

// The Pokja form's choices: every active account holding the Pokja role.
StatusOr<std::vector<domain::User>> PokjaCandidates(Context& ctx) {
  app::UserFilter filter;
  filter.role = domain::Role::kPokja;
  filter.limit = 1000;
  SPSE_ASSIGN_OR_RETURN(auto users, ctx.site.services().admin.ListUsers(ctx.actor(), filter));
  std::erase_if(users, [](const domain::User& u) { return !u.active; });
  return users;
}

domain::PokjaGroup PokjaFromForm(Context& ctx) {
  domain::PokjaGroup g;
  g.name = Field(ctx, "name");
  g.agency_id = ParseId(Field(ctx, "agency_id")).value_or(0);
  g.chair_id = ParseId(Field(ctx, "chair_id")).value_or(0);
  for (const std::string& m : ctx.req.form.GetAll("members")) {
    if (auto id = ParseId(m)) g.member_ids.push_back(*id);
  }
  g.active = ctx.req.form.Get("active") != "0";
  return g;
}

StatusOr<Response> RenderPokja(Context& ctx, const std::string& page, int status,
                               const Status& error, const domain::PokjaGroup& form) {
  auto& admin = ctx.site.services().admin;
  SPSE_ASSIGN_OR_RETURN(auto agencies, admin.ListAgencies(ctx.actor()));
  SPSE_ASSIGN_OR_RETURN(auto candidates, PokjaCandidates(ctx));
  data view;
  view.set("title", ctx.T("pokja.title"));
  if (page == "admin_pokja") {
    SPSE_ASSIGN_OR_RETURN(auto groups, admin.ListPokja(ctx.actor()));
    data rows = List();
    for (const auto& g : groups) {
      data r;
      r.set("id", std::to_string(g.id));
      r.set("name", g.name);
      r.set("members", std::to_string(g.member_ids.size()));
      r.set("active", g.active);
      for (const auto& a : agencies) {
        if (a.id == g.agency_id) r.set("agency", a.name);
      }
      for (const auto& u : candidates) {
        if (u.id == g.chair_id) r.set("chair", u.full_name);
      }
      rows.push_back(r);
    }
    view.set("groups", rows);
  } else {
    view.set("id", std::to_string(form.id));
    view.set("title", form.name);
  }
  view.set("form_name", form.name);
  view.set("active", form.active);
  view.set("agencies", AgencyOptions(agencies, form.agency_id ? std::optional(form.agency_id) : std::nullopt));
  data members = List();
  data chairs = List();
  for (const auto& u : candidates) {
    const bool in = std::find(form.member_ids.begin(), form.member_ids.end(), u.id) != form.member_ids.end();
    data m;
    m.set("id", std::to_string(u.id));
    m.set("label", u.full_name + " (" + u.username + ")");
    m.set("checked", in);
    members.push_back(m);
    data c = m;
    c.set("selected", u.id == form.chair_id);
    chairs.push_back(c);
  }
  view.set("members", members);
  view.set("chairs", chairs);
  if (!error.ok()) SetError(ctx, view, error);
  SetNotice(ctx, view);
  return ctx.Page(page, view, status);
}

// 4xx errors re-render the form; 5xx become the error page.
bool IsUserError(const Status& s) { return HttpStatusFor(s.code()) < 500; }

}  // namespace

StatusOr<Response> AgencyList(Context& ctx) { return RenderAgencyList(ctx, 200, OkStatus(), nullptr); }

StatusOr<Response> AgencyCreate(Context& ctx) {
  Status error;
  domain::Agency a = AgencyFromForm(ctx, error);
  if (error.ok()) error = ctx.site.services().admin.CreateAgency(ctx.actor(), a).status();
  if (error.ok()) return Response::Redirect("/admin/instansi?ok=agency_created");
  if (!IsUserError(error)) return error;
  return RenderAgencyList(ctx, HttpStatusFor(error.code()), error, &a);
}

StatusOr<Response> AgencyPage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "agency"));
  auto& admin = ctx.site.services().admin;
  SPSE_ASSIGN_OR_RETURN(domain::Agency a, admin.GetAgency(ctx.actor(), id));
  SPSE_ASSIGN_OR_RETURN(auto agencies, admin.ListAgencies(ctx.actor()));
  app::UserFilter filter;
  filter.agency_id = id;
  SPSE_ASSIGN_OR_RETURN(auto users, admin.ListUsers(ctx.actor(), filter));
  data view = AgencyView(ctx, a, agencies);
  view.set("title", a.name);
  view.set("kinds", KindOptions(ctx, a.kind));
  view.set("parents", ParentOptions(agencies, a.parent_id));
  data rows = List();
  for (const auto& u : users) rows.push_back(UserRow(ctx, u, agencies));
  view.set("users", rows);
  view.set("has_users", !users.empty());
  SetNotice(ctx, view);
  return ctx.Page("admin_instansi_detail", view);
}

StatusOr<Response> AgencyUpdate(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "agency"));
  Status error;
  domain::Agency a = AgencyFromForm(ctx, error);
  a.id = id;
  if (error.ok()) error = ctx.site.services().admin.UpdateAgency(ctx.actor(), a);
  if (error.ok()) return Response::Redirect("/admin/instansi/" + std::to_string(id) + "?ok=agency_updated");
  return error;
}

StatusOr<Response> UserList(Context& ctx) { return RenderUserList(ctx, 200, OkStatus(), nullptr, ""); }

StatusOr<Response> UserCreate(Context& ctx) {
  app::NewUser u;
  u.username = Field(ctx, "username");
  u.full_name = Field(ctx, "full_name");
  u.email = Field(ctx, "email");
  u.agency_id = AgencyIdFromForm(ctx);
  auto roles = RolesFromForm(ctx);
  Status error = roles.status();
  if (roles.ok()) u.roles = *roles;
  // Pasal 21(1)b: the account comes with its assignment letter.
  auto letter = UploadedDocument(ctx, "surat_tugas");
  if (error.ok()) error = letter.status();
  if (error.ok()) {
    if (*letter) u.letter = **letter;
    else error = InvalidArgument("registration.letter_required");
  }
  StatusOr<app::CreatedUser> created = error.ok() ? ctx.site.services().admin.CreateUser(ctx.actor(), u)
                                                  : StatusOr<app::CreatedUser>(error);
  if (!created.ok() && letter.ok() && *letter) {
    ctx.site.services().registration.DiscardUpload((*letter)->sha256);
  }
  if (created.ok()) {
    return RenderUserPage(ctx, created->id, 201, OkStatus(), created->temporary_password);
  }
  if (!IsUserError(created.status())) return created.status();
  return RenderUserList(ctx, HttpStatusFor(created.status().code()), created.status(), &u, "");
}

StatusOr<Response> UserPage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "user"));
  return RenderUserPage(ctx, id, 200, OkStatus(), "");
}

StatusOr<Response> UserRoles(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "user"));
  auto roles = RolesFromForm(ctx);
  Status s = roles.ok() ? ctx.site.services().admin.UpdateUserRoles(ctx.actor(), id, *roles,
                                                                     AgencyIdFromForm(ctx))
                        : roles.status();
  if (s.ok()) return Response::Redirect("/admin/pengguna/" + std::to_string(id) + "?ok=roles_saved");
  if (!IsUserError(s) || s.code() == Code::kNotFound) return s;
  return RenderUserPage(ctx, id, HttpStatusFor(s.code()), s, "");
}

StatusOr<Response> UserStatus(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "user"));
  const bool active = ctx.req.form.Get("active") == "1";
  Status s = ctx.site.services().admin.SetUserActive(ctx.actor(), id, active);
  if (s.ok()) {
    return Response::Redirect("/admin/pengguna/" + std::to_string(id) +
                              (active ? "?ok=user_enabled" : "?ok=user_disabled"));
  }
  if (!IsUserError(s) || s.code() == Code::kNotFound) return s;
  return RenderUserPage(ctx, id, HttpStatusFor(s.code()), s, "");
}

StatusOr<Response> UserResetPassword(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "user"));
  SPSE_ASSIGN_OR_RETURN(std::string temporary,
                        ctx.site.services().admin.ResetPassword(ctx.actor(), id));
  return RenderUserPage(ctx, id, 200, OkStatus(), temporary);
}

StatusOr<Response> UserResetSecondFactor(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "user"));
  Status s = ctx.site.services().second_factor.Reset(ctx.actor(), id);
  if (s.ok()) return Response::Redirect("/admin/pengguna/" + std::to_string(id) + "?ok=totp_reset");
  if (!IsUserError(s) || s.code() == Code::kNotFound) return s;
  return RenderUserPage(ctx, id, HttpStatusFor(s.code()), s, "");
}

StatusOr<Response> UserLetter(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "user"));
  auto letter = UploadedDocument(ctx, "surat_tugas");
  Status s = letter.status();
  if (s.ok() && !*letter) s = InvalidArgument("registration.letter_required");
  if (s.ok()) {
    s = ctx.site.services().admin.ReplaceLetter(ctx.actor(), id, **letter);
    if (!s.ok()) ctx.site.services().registration.DiscardUpload((*letter)->sha256);
  }
  if (s.ok()) return Response::Redirect("/admin/pengguna/" + std::to_string(id) + "?ok=letter_sent");
  if (!IsUserError(s) || s.code() == Code::kNotFound) return s;
  return RenderUserPage(ctx, id, HttpStatusFor(s.code()), s, "");
}

StatusOr<Response> PokjaList(Context& ctx) {
  return RenderPokja(ctx, "admin_pokja", 200, OkStatus(), domain::PokjaGroup{});
}

StatusOr<Response> PokjaCreate(Context& ctx) {
  domain::PokjaGroup g = PokjaFromForm(ctx);
  g.active = true;
  auto id = ctx.site.services().admin.CreatePokja(ctx.actor(), g);
  if (id.ok()) return Response::Redirect("/admin/pokja/" + std::to_string(*id) + "?ok=pokja_saved");
  if (!IsUserError(id.status())) return id.status();
  return RenderPokja(ctx, "admin_pokja", HttpStatusFor(id.status().code()), id.status(), g);
}

StatusOr<Response> PokjaPage(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "pokja"));
  SPSE_ASSIGN_OR_RETURN(domain::PokjaGroup g, ctx.site.services().admin.GetPokja(ctx.actor(), id));
  return RenderPokja(ctx, "admin_pokja_detail", 200, OkStatus(), g);
}

StatusOr<Response> PokjaUpdate(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, PathId(ctx, "pokja"));
  domain::PokjaGroup g = PokjaFromForm(ctx);
  g.id = id;
  Status s = ctx.site.services().admin.UpdatePokja(ctx.actor(), g);
  if (s.ok()) return Response::Redirect("/admin/pokja/" + std::to_string(id) + "?ok=pokja_saved");
  if (!IsUserError(s) || s.code() == Code::kNotFound) return s;
  return RenderPokja(ctx, "admin_pokja_detail", HttpStatusFor(s.code()), s, g);
}

}  // namespace spse::http::handlers
