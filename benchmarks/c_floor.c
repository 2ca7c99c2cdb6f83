/*
 * The C floor: what one report costs through libchrony with no binding on
 * top. Same requests as pychrony (tracking: record 0 directly; per-source
 * reports: the count, then each record), every field read (strings copied),
 * waiting with poll() as pychrony does.
 *
 *   c_floor ADDRESS REPORT CALLS   ->  prints the median ns per call of 5 batches
 */
#include <chrony.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void wait_reply(chrony_session *s) {
	struct pollfd pfd = { .fd = chrony_get_fd(s), .events = POLLIN };
	while (chrony_needs_response(s)) {
		if (poll(&pfd, 1, 5000) != 1 || chrony_process_response(s) != CHRONY_OK) {
			fprintf(stderr, "no reply\n");
			exit(1);
		}
	}
}

static double sink;

static void read_fields(chrony_session *s) {
	char copy[256];
	int n = chrony_get_record_number_fields(s);
	for (int i = 0; i < n; i++) {
		switch (chrony_get_field_type(s, i)) {
		case CHRONY_TYPE_UINTEGER: sink += chrony_get_field_uinteger(s, i); break;
		case CHRONY_TYPE_INTEGER: sink += chrony_get_field_integer(s, i); break;
		case CHRONY_TYPE_FLOAT: sink += chrony_get_field_float(s, i); break;
		case CHRONY_TYPE_TIMESPEC: sink += chrony_get_field_timespec(s, i).tv_sec; break;
		case CHRONY_TYPE_STRING: {
			const char *str = chrony_get_field_string(s, i);
			if (str) {
				strncpy(copy, str, sizeof copy - 1);
				sink += copy[0];
			}
			break;
		}
		default: break;
		}
	}
}

static void one_call(chrony_session *s, const char *report) {
	int records = 1;
	if (strcmp(report, "tracking") != 0) {
		if (chrony_request_report_number_records(s, report) != CHRONY_OK) exit(1);
		wait_reply(s);
		records = chrony_get_report_number_records(s);
	}
	for (int i = 0; i < records; i++) {
		if (chrony_request_record(s, report, i) != CHRONY_OK) exit(1);
		wait_reply(s);
		read_fields(s);
	}
}

static int by_value(const void *a, const void *b) {
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv) {
	if (argc != 4) {
		fprintf(stderr, "usage: %s ADDRESS REPORT CALLS\n", argv[0]);
		return 2;
	}
	int calls = atoi(argv[3]), fd = chrony_open_socket(argv[1]);
	chrony_session *s;
	if (fd < 0 || chrony_init_session(&s, fd) != CHRONY_OK) {
		fprintf(stderr, "cannot connect to %s\n", argv[1]);
		return 1;
	}
	double batches[5];
	for (int b = 0; b < 5; b++) {
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (int i = 0; i < calls; i++)
			one_call(s, argv[2]);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		batches[b] = ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / calls;
	}
	qsort(batches, 5, sizeof batches[0], by_value);
	printf("%.0f\n", batches[2]);
	chrony_deinit_session(s);
	chrony_close_socket(fd);
	return sink == 42.4242 ? 3 : 0;
}
