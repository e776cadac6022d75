"""Numeric precision: bf16 autocast on CPUs with native bf16 matmuls."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator


def cpu_has_bf16() -> bool:
    """Native bf16 matmuls on this CPU (AVX512-BF16 or AMX); otherwise autocast to bf16
    would emulate it and run slower than fp32."""
    import torch

    probes = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    for probe in probes:
        check = getattr(torch.cpu, probe, None)
        if check is not None:
            try:
                if check():
                    return True
            except RuntimeError:  # pragma: no cover - a probe that cannot run here
                continue
    return False


@contextlib.contextmanager
def maybe_bf16(enabled: bool) -> Iterator[None]:
    """torch.autocast to bf16 on the CPU when ``enabled``; a no-op otherwise."""
    if not enabled:
        yield
        return
    import torch

    with torch.autocast("cpu", dtype=torch.bfloat16):
        yield
