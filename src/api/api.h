/*
 * api.h - the HTTP JSON API: the route table (routes.c) and the handlers, one file per resource
 * (session.c, orgs.c, members.c, audit.c, reports.c). docs/openapi.yaml documents every entry
 * of api_routes[]; tests/api/test_openapi.c fails when they differ.
 *
 * Handlers take validated inputs from c->in / c->q (indexed like the route's field lists, by the
 * enums next to each list), answer with http_json() or http_file(), and return a tcxd_err
 * (the dispatcher turns it into the error body). A mutating handler calls exactly one store
 * mutation, which writes the one audit record. Anything outside the caller's scope answers
 * ENOTFOUND as if it did not exist.
 */
#ifndef TCXD_API_API_H
#define TCXD_API_API_H

#include "http/http.h"

extern const struct http_route api_routes[];

/* JSON shapes shared by handlers (api_json.c). */
json_t *api_org_json(const struct org_info *o);
json_t *api_org_ref(int64_t id, const char *name); /* {"id","name"} */
/* "0010******45": first 4 and last 2 digits. */
void api_mask_national_id(const char *nid, char out[16]);
/* The session's user as /api/login and /api/me give it. */
json_t *api_me_json(struct http_ctx *c);
/* Vietnamese-order comparison of two names (a per-thread ICU collator). */
int api_collate(const char *a, const char *b);
/* ENOTFOUND answer for a member. */
enum tcxd_err api_member_not_found(struct http_ctx *c, int64_t id, struct tcxd_error *e) TCXD_WUR;

/* session.c */
enum tcxd_err api_login(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_logout(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_me(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_me_password(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_login_body[], api_password_body[];

/* orgs.c */
enum tcxd_err api_org_root(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_org_show(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_org_children(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_org_history(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_org_search(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_org_paths(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_org_create(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_org_rename(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_org_move(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_org_merge(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_org_dissolve(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_asof_query[], api_org_search_query[], api_org_paths_query[],
    api_org_create_body[], api_org_rename_body[], api_org_move_body[], api_org_merge_body[],
    api_org_dissolve_body[];

/* members.c */
enum tcxd_err api_member_list(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_member_show(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_member_admit(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_member_official(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_member_transfer(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_member_return(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_member_discipline(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_member_exempt(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_member_exit(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_member_due(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_member_list_query[], api_member_admit_body[],
    api_member_official_body[], api_member_transfer_body[], api_member_return_body[],
    api_member_discipline_body[], api_member_exempt_body[], api_member_exit_body[],
    api_member_due_query[];
/* members.c: the other events of domain.md §3 */
enum tcxd_err api_member_suspend(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_member_restore(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_member_readmit(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_member_fields(struct http_ctx *c, struct tcxd_error *e);
/* commend.c: commendations of organizations */
enum tcxd_err api_org_commend(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_org_commendations(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_org_commend_cancel(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_org_commend_body[], api_org_commend_cancel_body[];
enum tcxd_err api_member_badge(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_member_card(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_member_commend(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_member_suspend_body[], api_member_restore_body[],
    api_member_readmit_body[], api_member_badge_body[], api_member_card_body[],
    api_member_commend_body[];
/* members.c: corrections */
enum tcxd_err api_member_correct(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_member_event_correct(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_member_event_cancel(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_member_corrections(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_member_correct_body[], api_member_event_correct_body[],
    api_member_event_cancel_body[];

/* io.c */
enum tcxd_err api_import_members(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_export_members(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_print_phieu(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_print_so_danh_sach(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_import_query[], api_export_query[];

/* users.c (admins) */
enum tcxd_err api_user_list(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_user_add(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_user_password(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_user_disable(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_user_add_body[], api_user_password_body[],
    api_user_disable_body[];

/* dashboard.c */
enum tcxd_err api_dashboard(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_dashboard_query[];
/* restructure.c */
enum tcxd_err api_restructure_check(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_restructure_apply(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_restructure_flows(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_restructure_merger(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_restructure_merger_draft(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_restructure_units(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_restructure_query[], api_restructure_flows_query[],
    api_merger_query[], api_merger_draft_query[], api_units_query[];

/* audit.c */
enum tcxd_err api_audit_list(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_audit_query[];

/* reports.c */
enum tcxd_err api_report_structure(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_report_structure_csv(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_report_structure_xlsx(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_report_query[];

/* forms.c */
enum tcxd_err api_forms_list(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_form_fill(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_form_fill_csv(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_form_fill_xlsx(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_form_fill_pdf(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_form_flows(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_forms_list_query[];
extern const struct http_field api_form_query[];
extern const struct http_field api_form_flows_query[];

/* review.c */
enum tcxd_err api_review_rubric(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_review_member_show(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_review_member_step(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_review_org_show(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_review_org_step(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_review_report(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_review_leniency(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_review_weak_list(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_review_weak_add(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_review_weak_update(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_review_rubric_query[], api_review_show_query[],
    api_review_step_body[], api_review_report_query[], api_review_leniency_query[],
    api_review_weak_query[], api_review_weak_add_body[], api_review_weak_update_body[];

/* programs.c: programs, items, indicators, meetings, attendance (issue 17) */
enum tcxd_err api_program_list(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_program_create(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_program_show(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_program_item_add(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_program_item_status(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_indicator_list(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_indicator_create(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_indicator_figure(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_indicator_report(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_meeting_create(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_meeting_list(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_attendance_assign(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_attendance_report(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_program_create_body[], api_program_show_query[],
    api_program_item_body[], api_program_status_body[], api_indicator_create_body[],
    api_indicator_figure_body[], api_indicator_report_query[], api_meeting_create_body[],
    api_meeting_list_query[], api_attendance_assign_body[], api_attendance_query[];

/* inspection.c: inspections, supervision, discipline, appeals, the period report (issue 16) */
struct inspection_info;
struct discipline_info;
struct inspection_counts;
json_t *api_inspection_json(const struct inspection_info *i);
json_t *api_discipline_json(const struct discipline_info *d);
/* {"inspected":{orgs,members},"supervised":...,"disciplined":{orgs,members,by_form},"teams":
   {count,orgs,members},"sentence"} */
json_t *api_inspection_counts_json(const struct inspection_counts *c);
struct inspection_plan_item;
struct inspection_plan_progress;
json_t *api_plan_item_json(const struct inspection_plan_item *p);
/* {"year","planned":{inspections,supervisions},"done":{...},"outside":{...},"subjects":
   {orgs,members},"sentence"} */
json_t *api_plan_progress_json(const struct inspection_plan_progress *p, int year);
enum tcxd_err api_inspection_plan_add(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_inspection_plan_show(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_inspection_list(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_inspection_add(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_inspection_show(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_inspection_conclude(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_inspection_report(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_inspection_report_xlsx(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_inspection_report_pdf(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_discipline_list(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_discipline_add(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_discipline_show(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_discipline_appeal(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_inspection_period_query[], api_inspection_add_body[],
    api_inspection_conclude_body[], api_discipline_add_body[], api_discipline_appeal_body[],
    api_inspection_plan_add_body[], api_inspection_plan_query[];

/* complaint.c: letters of complaint, denunciation and report; account permissions (issue 16) */
struct complaint_info;
struct complaint_counts;
json_t *api_complaint_json(const struct complaint_info *c); /* never the writer's identity */
json_t *api_complaint_counts_json(const struct complaint_counts *c);
enum tcxd_err api_complaint_list(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_complaint_add(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_complaint_overdue(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_complaint_report(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_complaint_show(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_complaint_identity(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_complaint_classify(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_complaint_assign(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_complaint_extend(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_complaint_resolve(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_complaint_notify(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_user_permission(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_complaint_period_query[], api_complaint_overdue_query[],
    api_complaint_add_body[], api_complaint_classify_body[], api_complaint_assign_body[],
    api_complaint_extend_body[], api_complaint_resolve_body[], api_complaint_notify_body[],
    api_user_permission_body[];

/* degradation.c: the degradation self-check (27 manifestations x 5 levels; issue 16) */
enum tcxd_err api_degradation_items(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_degradation_record(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_degradation_show(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_degradation_report(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_degradation_record_body[], api_degradation_show_query[],
    api_degradation_report_query[];

/* cadre.c: cadre work (issue 15) */
enum tcxd_err api_cadre_list(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_add(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_show(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_retiring(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_leave_support(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_term_add(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_seat_add(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_seat_end(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_committee(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_position_list(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_position_add(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_appoint(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_relieve(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_plan_add(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_plan_remove(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_planning(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_due(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_concurrent(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_move(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_training(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_vote_session_add(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_vote_sessions(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_vote_session_show(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_vote_add(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_report(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_cadre_list_query[], api_cadre_add_body[], api_cadre_date_body[],
    api_cadre_date_query[], api_cadre_term_body[], api_cadre_seat_body[], api_cadre_seat_end_body[],
    api_cadre_committee_query[], api_cadre_position_body[], api_cadre_appoint_body[],
    api_cadre_relieve_body[], api_cadre_plan_body[], api_cadre_unplan_body[],
    api_cadre_planning_query[], api_cadre_due_query[], api_cadre_concurrent_query[],
    api_cadre_move_body[], api_cadre_training_body[], api_cadre_vote_session_body[],
    api_cadre_vote_sessions_query[], api_cadre_vote_body[], api_cadre_report_query[];
/* cadre_training.c: training classes and enrolments (issue 15, form 10) */
enum tcxd_err api_cadre_classes(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_class_add(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_class_show(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_enrol(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_cadre_enrol_result(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_cadre_classes_query[], api_cadre_class_body[],
    api_cadre_enrol_body[], api_cadre_enrol_result_body[];

/* staff.c: the staffing roll (issue 15, forms 8A and 8B) */
enum tcxd_err api_staff_bodies(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_staff_body_add(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_staff_roll(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_staff_person_add(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_staff_person_show(struct http_ctx *c, struct tcxd_error *e);
enum tcxd_err api_staff_event_add(struct http_ctx *c, struct tcxd_error *e);
extern const struct http_field api_staff_bodies_query[], api_staff_body_body[],
    api_staff_roll_query[], api_staff_person_body[], api_staff_event_body[];

#endif
