/*
 * routes.c - the API's route table: {method, pattern, handler, min_role, flags, body, query,
 * summary}. docs/openapi.yaml documents exactly these (tests/api/test_openapi.c).
 */
#include "api/api.h"

#define MUT ROUTE_MUTATES

const struct http_route api_routes[] = {
    /* session */
    {HTTP_POST, "/api/login", api_login, ROLE_VIEWER, ROUTE_PUBLIC | MUT | ROUTE_NO_CSRF,
     api_login_body, NULL, "log in: sets the tcxd_session cookie, returns the user and CSRF token"},
    {HTTP_POST, "/api/logout", api_logout, ROLE_VIEWER, MUT, NULL, NULL, "log out"},
    {HTTP_GET, "/api/me", api_me, ROLE_VIEWER, 0, NULL, NULL, "the current user and CSRF token"},
    {HTTP_POST, "/api/me/password", api_me_password, ROLE_VIEWER, MUT, api_password_body, NULL,
     "change one's password (other sessions end)"},
    /* organizations */
    {HTTP_GET, "/api/orgs/root", api_org_root, ROLE_VIEWER, 0, NULL, api_asof_query,
     "the account's scope organization with counts"},
    {HTTP_GET, "/api/orgs", api_org_search, ROLE_VIEWER, 0, NULL, api_org_search_query,
     "search organizations by name within the scope"},
    {HTTP_POST, "/api/orgs", api_org_create, ROLE_STAFF, MUT, api_org_create_body, NULL,
     "create an organization"},
    {HTTP_GET, "/api/orgs/{id}", api_org_show, ROLE_VIEWER, 0, NULL, api_asof_query,
     "an organization with its path and counts"},
    {HTTP_GET, "/api/orgs/{id}/children", api_org_children, ROLE_VIEWER, 0, NULL, api_asof_query,
     "child organizations with member counts, in Vietnamese order"},
    {HTTP_GET, "/api/orgs/{id}/history", api_org_history, ROLE_VIEWER, 0, NULL, NULL,
     "dated events of an organization"},
    {HTTP_POST, "/api/orgs/{id}/rename", api_org_rename, ROLE_STAFF, MUT, api_org_rename_body,
     NULL, "rename an organization"},
    {HTTP_POST, "/api/orgs/{id}/move", api_org_move, ROLE_STAFF, MUT, api_org_move_body, NULL,
     "move an organization under another parent (both in scope)"},
    {HTTP_POST, "/api/orgs/{id}/merge", api_org_merge, ROLE_STAFF, MUT, api_org_merge_body, NULL,
     "merge an organization into another (both in scope)"},
    {HTTP_POST, "/api/orgs/{id}/dissolve", api_org_dissolve, ROLE_STAFF, MUT,
     api_org_dissolve_body, NULL, "dissolve an organization"},
    /* members */
    {HTTP_GET, "/api/members", api_member_list, ROLE_VIEWER, 0, NULL, api_member_list_query,
     "list and search members"},
    {HTTP_POST, "/api/members", api_member_admit, ROLE_STAFF, MUT, api_member_admit_body, NULL,
     "admit a member (probationary)"},
    {HTTP_GET, "/api/members/due", api_member_due, ROLE_VIEWER, 0, NULL, api_member_due_query,
     "probationary members due (or overdue) for official recognition"},
    {HTTP_GET, "/api/members/{id}", api_member_show, ROLE_VIEWER, 0, NULL, NULL,
     "a member with the event timeline"},
    {HTTP_POST, "/api/members/{id}/official", api_member_official, ROLE_STAFF, MUT,
     api_member_official_body, NULL, "recognise official membership"},
    {HTTP_POST, "/api/members/{id}/transfer", api_member_transfer, ROLE_STAFF, MUT,
     api_member_transfer_body, NULL, "transfer to another chi bộ (both in scope)"},
    {HTTP_POST, "/api/members/{id}/return", api_member_return, ROLE_STAFF, MUT,
     api_member_return_body, NULL, "end a temporary transfer"},
    {HTTP_POST, "/api/members/{id}/discipline", api_member_discipline, ROLE_STAFF, MUT,
     api_member_discipline_body, NULL, "record a disciplinary measure"},
    {HTTP_POST, "/api/members/{id}/exempt", api_member_exempt, ROLE_STAFF, MUT,
     api_member_exempt_body, NULL, "start or end an exemption from party work"},
    {HTTP_POST, "/api/members/{id}/exit", api_member_exit, ROLE_STAFF, MUT, api_member_exit_body,
     NULL, "end membership (xóa tên, xin ra, khai trừ, từ trần, chuyển đi)"},
    /* reports */
    {HTTP_GET, "/api/reports/structure", api_report_structure, ROLE_VIEWER, 0, NULL,
     api_report_query, "structure report (sentence, counts, breakdowns, comparison)"},
    {HTTP_GET, "/api/reports/structure.csv", api_report_structure_csv, ROLE_VIEWER, 0, NULL,
     api_report_query, "structure report as CSV"},
    {HTTP_GET, "/api/reports/structure.xlsx", api_report_structure_xlsx, ROLE_VIEWER, 0, NULL,
     api_report_query, "structure report as XLSX"},
    /* audit */
    {HTTP_GET, "/api/audit", api_audit_list, ROLE_ADMIN, 0, NULL, api_audit_query,
     "the audit log within the scope (admin)"},
    {0, NULL, NULL, 0, 0, NULL, NULL, NULL},
};
