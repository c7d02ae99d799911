/* flowc's schema for the tree-sitter-yaml scanner (included by its scanner.c
 * as schema.<YAML_SCHEMA>.c). It classifies nothing: every plain scalar stays
 * a string_scalar, and flowc types plain scalars itself (compiler/yaml/
 * scalar.cpp) with the YAML 1.1 rules Kubernetes and Argo read YAML with. */
#include <stdint.h>

typedef enum { RS_STR, RS_INT, RS_NULL, RS_BOOL, RS_FLOAT } ResultSchema;

#define SCH_STT_FRZ -1

static int8_t adv_sch_stt(int8_t sch_stt, int32_t cur_chr, ResultSchema *rlt_sch) {
  (void)sch_stt;
  (void)cur_chr;
  *rlt_sch = RS_STR;
  return SCH_STT_FRZ;
}
