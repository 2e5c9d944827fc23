/*
 * A stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks.
 *
 * Rust's standard library (1.78 and later) gets its random numbers (the seeds of
 * HashMap's hasher, for one) from bcryptprimitives.dll's ProcessPrng, so every Rust
 * program for Windows imports it and fails to start under a Wine without it. This DLL
 * exports ProcessPrng and forwards to advapi32's SystemFunction036 (RtlGenRandom),
 * which Wine has. .ci/windows builds it with mingw-w64 and puts it beside each .exe it
 * runs, where the Windows loader looks first. It is for CI under Wine only; a real
 * Windows has the real DLL.
 */
#include <windows.h>

/* RtlGenRandom: exported by advapi32 as SystemFunction036. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* BOOL ProcessPrng(PBYTE pbData, SIZE_T cbData): fills the buffer; always TRUE. */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        /* SystemFunction036 takes a ULONG length; SIZE_T may be wider. */
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
