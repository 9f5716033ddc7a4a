/*
 * cmd_serve.c - `tcxd serve`: the HTTP JSON API and the web UI (src/http, src/api).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "cli/cli.h"

static const char serve_help[] =
    "usage: tcxd serve [--listen ADDRESS:PORT] [--web-root DIR] [--threads N]\n"
    "           [--session-timeout SECONDS] [--max-connections N] [--timeout SECONDS]\n"
    "           [--port-file PATH] [--quiet] [--secure-cookies] [--trusted-proxy ADDRESS]\n"
    "           [--read-limit MS] [--max-upload MB] [--tls-cert FILE --tls-key FILE]\n"
    "           [--user NAME]\n"
    "  --listen           where to listen (default 127.0.0.1:8080; port 0: any free port)\n"
    "  --web-root         the built UI (default web/dist of the source tree, else\n"
    "                     /usr/share/tcxd/web)\n"
    "  --threads          worker threads (default: one per core)\n"
    "  --session-timeout  inactivity before a session ends (default 1800)\n"
    "  --max-connections  connections at once (default 1000)\n"
    "  --timeout          idle connection timeout in seconds (default 30)\n"
    "  --port-file        write the port once listening (for scripts and tests)\n"
    "  --quiet            no access log\n"
    "  --secure-cookies   mark the session cookie Secure (behind a TLS-terminating proxy)\n"
    "  --trusted-proxy    the reverse proxy's IP address: requests from it are counted by the\n"
    "                     client in its X-Forwarded-For (login throttling, audit); from any\n"
    "                     other peer the header is ignored\n"
    "  --read-limit       milliseconds a read request's queries may run before they stop with\n"
    "                     503 (default 5000; 0: no limit): a heavy read cannot hold a worker\n"
    "  --max-upload       megabytes an imported file may have (default 32)\n"
    "  --tls-cert, --tls-key  serve HTTPS itself (PEM certificate chain and private key, read\n"
    "                     once at start; the session cookie becomes Secure)\n"
    "  --user             started as root: switch to this account once the socket, the\n"
    "                     database and the TLS key are open\n"
    "Stops on SIGTERM or SIGINT after finishing the requests in flight.\n";
static const char serve_help_vi[] =
    "cách dùng: tcxd serve [--listen ĐỊA_CHỈ:CỔNG] [--web-root THƯ_MỤC] [--threads N]\n"
    "           [--session-timeout GIÂY] [--max-connections N] [--timeout GIÂY]\n"
    "           [--port-file TỆP] [--quiet] [--secure-cookies] [--trusted-proxy ĐỊA_CHỈ]\n"
    "           [--read-limit MILI_GIÂY] [--max-upload MB] [--tls-cert TỆP --tls-key TỆP]\n"
    "           [--user TÀI_KHOẢN]\n"
    "  --listen           nơi nghe kết nối (mặc định 127.0.0.1:8080; cổng 0: cổng trống bất kỳ)\n"
    "  --web-root         giao diện đã biên dịch (mặc định web/dist của mã nguồn, nếu không thì\n"
    "                     /usr/share/tcxd/web)\n"
    "  --threads          số luồng xử lý (mặc định: mỗi lõi một luồng)\n"
    "  --session-timeout  thời gian không thao tác trước khi phiên kết thúc (mặc định 1800)\n"
    "  --max-connections  số kết nối đồng thời (mặc định 1000)\n"
    "  --timeout          thời gian chờ của kết nối rỗi, tính bằng giây (mặc định 30)\n"
    "  --port-file        ghi số cổng khi đã nghe (cho kịch bản và phép thử)\n"
    "  --quiet            không ghi nhật ký truy cập\n"
    "  --secure-cookies   đánh dấu cookie phiên là Secure (sau một proxy kết thúc TLS)\n"
    "  --trusted-proxy    địa chỉ IP của proxy ngược: yêu cầu từ đó được tính theo máy khách ghi\n"
    "                     trong X-Forwarded-For (giới hạn đăng nhập, nhật ký); từ máy khác thì bỏ\n"
    "                     qua tiêu đề này\n"
    "  --read-limit       số mili giây các truy vấn của một yêu cầu đọc được chạy trước khi dừng\n"
    "                     với mã 503 (mặc định 5000; 0: không giới hạn): một lần đọc nặng không\n"
    "                     giữ mãi một luồng\n"
    "  --max-upload       số megabyte tối đa của một tệp nhập lên (mặc định 32)\n"
    "  --tls-cert, --tls-key  tự phục vụ HTTPS (chuỗi chứng thư và khóa riêng PEM, đọc một lần\n"
    "                     khi khởi động; cookie phiên thành Secure)\n"
    "  --user             khi chạy bằng root: chuyển sang tài khoản này sau khi đã mở cổng, cơ sở\n"
    "                     dữ liệu và khóa TLS\n"
    "Dừng khi nhận SIGTERM hoặc SIGINT, sau khi xử lý xong các yêu cầu đang chạy.\n";

static int int_opt(struct cli *cli, const char *s, int lo, int hi, int dflt, const char *name,
                   int *out)
{
    if (!s) {
        *out = dflt;
        return 0;
    }
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return cli_usage(cli, "serve", "invalid --%s '%s' (%d to %d)", name, s, lo, hi);
    *out = (int)v;
    return 0;
}

int cmd_serve(struct cli *cli, int argc, char **argv)
{
    enum {
        O_LISTEN,
        O_WEB,
        O_THREADS,
        O_TIMEOUT_S,
        O_MAXCONN,
        O_CTIMEOUT,
        O_PORTFILE,
        O_QUIET,
        O_SECURE,
        O_HELP,
        O_PROXY,
        O_READ_LIMIT,
        O_TLS_CERT,
        O_TLS_KEY,
        O_USER,
        O_MAX_UPLOAD,
        O__MAX
    };
    struct cli_opt o[O__MAX] = {
        {"listen", true, NULL},
        {"web-root", true, NULL},
        {"threads", true, NULL},
        {"session-timeout", true, NULL},
        {"max-connections", true, NULL},
        {"timeout", true, NULL},
        {"port-file", true, NULL},
        {"quiet", false, NULL},
        {"secure-cookies", false, NULL},
        {"help", false, NULL},
        {"trusted-proxy", true, NULL},
        {"read-limit", true, NULL},
        {"tls-cert", true, NULL},
        {"tls-key", true, NULL},
        {"user", true, NULL},
        {"max-upload", true, NULL},
    };
    const char *pos[1];
    size_t npos;
    int rc = cli_parse(cli, "serve", argc, argv, o, O__MAX, pos, 0, &npos);
    if (rc)
        return rc;
    if (o[O_HELP].value) {
        fputs(cli_help(serve_help, serve_help_vi), stdout);
        return 0;
    }
    struct http_server_opts so;
    memset(&so, 0, sizeof(so));
    http_config_defaults(&so.cfg);
    so.cfg.routes = api_routes;
    so.db_path = cli->db_path;
    so.listen = o[O_LISTEN].value ? o[O_LISTEN].value : "127.0.0.1:8080";
    so.web_root = o[O_WEB].value;
    so.port_file = o[O_PORTFILE].value;
    so.quiet = o[O_QUIET].value != NULL;
    so.cfg.secure_cookies = o[O_SECURE].value != NULL;
    so.cfg.trusted_proxy = o[O_PROXY].value;
    so.tls_cert = o[O_TLS_CERT].value;
    so.tls_key = o[O_TLS_KEY].value;
    so.run_as = o[O_USER].value;
    if (so.tls_cert)
        so.cfg.secure_cookies = true;
    int max_upload = 32;
    if ((rc = int_opt(cli, o[O_THREADS].value, 0, 256, 0, "threads", &so.threads)) ||
        (rc = int_opt(cli, o[O_TIMEOUT_S].value, 1, 7 * 24 * 3600, 30 * 60, "session-timeout",
                      &so.cfg.session_timeout)) ||
        (rc = int_opt(cli, o[O_MAXCONN].value, 1, 100000, 1000, "max-connections",
                      &so.max_connections)) ||
        (rc = int_opt(cli, o[O_CTIMEOUT].value, 1, 3600, 30, "timeout", &so.connection_timeout)) ||
        (rc = int_opt(cli, o[O_READ_LIMIT].value, 0, 3600000, 5000, "read-limit",
                      &so.cfg.read_cost_ms)) ||
        (rc = int_opt(cli, o[O_MAX_UPLOAD].value, 1, 4096, 32, "max-upload", &max_upload)))
        return rc;
    so.cfg.max_file_body = (size_t)max_upload << 20;
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (http_serve(&so, &e))
        return cli_fail(cli, &e);
    return 0;
}
