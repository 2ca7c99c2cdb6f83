/*
 * pychrony's own declarations of the libchrony 0.2 C API.
 *
 * Written for this project from libchrony's documented interface (function
 * names, argument and return types, enumerator values).  It is used in two
 * places:
 *   - build.rs runs bindgen on it when the libchrony found on the system
 *     ships no header of its own (the upstream-built shared library that
 *     scripts/provision-libchrony installs);
 *   - scripts/provision-libchrony installs it as <chrony.h> next to that
 *     library so other C code (benchmarks/c_floor.c) can link against it.
 *
 * Only what pychrony calls is declared.  Enumerator values are those of
 * libchrony 0.2; 0.1 numbered the errors from 10 on differently, which is
 * why src/error.rs checks chrony_get_error_string at run time.
 */
#ifndef PYCHRONY_LIBCHRONY_DECLARATIONS_H
#define PYCHRONY_LIBCHRONY_DECLARATIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct chrony_session_t chrony_session;

typedef enum {
	CHRONY_OK = 0,
	CHRONY_NO_MEMORY = 1,
	CHRONY_NO_RANDOM = 2,
	CHRONY_UNKNOWN_REPORT = 3,
	CHRONY_RANDOM_FAILED = 4,
	CHRONY_SEND_FAILED = 5,
	CHRONY_RECV_FAILED = 6,
	CHRONY_INVALID_ARGUMENT = 7,
	CHRONY_UNEXPECTED_CALL = 8,
	CHRONY_UNAUTHORIZED = 9,
	CHRONY_DISABLED = 10,
	CHRONY_UNEXPECTED_STATUS = 11,
	CHRONY_OLD_SERVER = 12,
	CHRONY_NEW_SERVER = 13,
	CHRONY_INVALID_RESPONSE = 14
} chrony_err;

typedef enum {
	CHRONY_TYPE_NONE = 0,
	CHRONY_TYPE_UINTEGER = 1,
	CHRONY_TYPE_INTEGER = 2,
	CHRONY_TYPE_FLOAT = 3,
	CHRONY_TYPE_TIMESPEC = 4,
	CHRONY_TYPE_STRING = 5
} chrony_field_type;

/* Sockets */
int chrony_open_socket(const char *address);
void chrony_close_socket(int fd);

/* Sessions */
chrony_err chrony_init_session(chrony_session **session, int fd);
void chrony_deinit_session(chrony_session *session);
int chrony_get_fd(chrony_session *session);
const char *chrony_get_error_string(chrony_err error);

/* One request in flight per session */
bool chrony_needs_response(chrony_session *session);
chrony_err chrony_process_response(chrony_session *session);
chrony_err chrony_request_report_number_records(chrony_session *session, const char *report);
int chrony_get_report_number_records(chrony_session *session);
chrony_err chrony_request_record(chrony_session *session, const char *report, int record);

/* Reports this build of libchrony knows */
int chrony_get_number_supported_reports(void);
const char *chrony_get_report_name(int report);

/* Fields of the record last received */
int chrony_get_record_number_fields(chrony_session *session);
const char *chrony_get_field_name(chrony_session *session, int field);
chrony_field_type chrony_get_field_type(chrony_session *session, int field);
uint64_t chrony_get_field_uinteger(chrony_session *session, int field);
int64_t chrony_get_field_integer(chrony_session *session, int field);
double chrony_get_field_float(chrony_session *session, int field);
struct timespec chrony_get_field_timespec(chrony_session *session, int field);
const char *chrony_get_field_string(chrony_session *session, int field);
const char *chrony_get_field_constant_name(chrony_session *session, int field, uint64_t value);

#ifdef __cplusplus
}
#endif

#endif
