#!/usr/bin/env python3
"""The same judge as model/ (tiny or small preset), written in PyTorch eager: the baseline of bench_model.

Mirrors the C++ modules layer for layer (tubelet encoder, CogVideoX blocks with expert adaLN, QK LayerNorm,
GELU-tanh feed-forward, energy head) so both run the same arithmetic on the same shapes and threads.
Prints one JSON line: forward and train-step seconds, peak RSS, parameter count.
The pipeline modes mirror bench_training (model/'s trainers and Judge::score): `score` from a uint8 clip,
`pretrain` (stage 1: uint8 clips -> positives, latent perturbations -> negatives, clipped AdamW step) and
`finetune` (stage 2: pairs of videos, the last third's attention trainable in place of the LoRA, an aspect head
that starts at minus the energy, Davidson's Bradley-Terry with ties on the reward and the rated aspects).
"""
import argparse
import json
import math
import resource
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

PRESETS = {
    # heads, head_dim, layers, time_embed, text_dim, text_len, tubelet hidden, head hidden
    "tiny": dict(heads=2, head_dim=32, layers=6, time_dim=64, text_dim=32, text_len=8, hidden=48, head_hidden=64),
    "small": dict(heads=4, head_dim=32, layers=8, time_dim=128, text_dim=64, text_len=8, hidden=96, head_hidden=128),
}


def sincos_1d(dim, positions):
    omega = torch.arange(dim // 2, dtype=torch.float64) / (dim / 2.0)
    omega = 1.0 / 10000 ** omega
    out = torch.outer(positions.reshape(-1).double(), omega)
    return torch.cat([torch.sin(out), torch.cos(out)], 1)


def sincos_3d(dim, width, height, frames):
    spatial, temporal = 3 * dim // 4, dim // 4
    w = torch.arange(width, dtype=torch.float32).repeat(height)
    h = torch.arange(height, dtype=torch.float32).repeat_interleave(width)
    s = torch.cat([sincos_1d(spatial // 2, w), sincos_1d(spatial // 2, h)], 1)
    t = sincos_1d(temporal, torch.arange(frames, dtype=torch.float32))
    tokens = width * height
    return torch.cat([t[:, None, :].expand(frames, tokens, temporal), s[None].expand(frames, tokens, spatial)], -1).reshape(
        frames * tokens, dim).float()


class Tubelet(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.first = nn.Conv2d(3, hidden, 8, stride=8)
        self.rest = nn.Conv3d(3, hidden, (4, 8, 8), stride=(4, 8, 8))
        self.norm = nn.GroupNorm(8 if hidden % 8 == 0 else 1, hidden)
        self.mix = nn.Conv3d(hidden, hidden, (1, 3, 3), padding=(0, 1, 1))
        self.out = nn.Conv3d(hidden, 16, 1)

    def forward(self, video):
        head = self.first(video[:, :, 0]).unsqueeze(2)
        hidden = torch.cat([head, self.rest(video[:, :, 1:])], 2)
        hidden = F.silu(self.norm(hidden))
        hidden = hidden + F.silu(self.mix(hidden))
        return self.out(hidden).permute(0, 2, 1, 3, 4)


class NormZero(nn.Module):
    def __init__(self, cond, dim):
        super().__init__()
        self.linear = nn.Linear(cond, 6 * dim)
        self.norm = nn.LayerNorm(dim, eps=1e-5)

    def forward(self, video, text, emb):
        shift, scale, gate, eshift, escale, egate = self.linear(F.silu(emb)).chunk(6, 1)
        return (self.norm(video) * (1 + scale[:, None]) + shift[:, None],
                self.norm(text) * (1 + escale[:, None]) + eshift[:, None], gate[:, None], egate[:, None])


class Block(nn.Module):
    def __init__(self, dim, heads, head_dim, time_dim):
        super().__init__()
        self.heads, self.head_dim = heads, head_dim
        self.norm1 = NormZero(time_dim, dim)
        self.to_q, self.to_k, self.to_v, self.to_out = (nn.Linear(dim, dim) for _ in range(4))
        self.norm_q = nn.LayerNorm(head_dim, eps=1e-6)
        self.norm_k = nn.LayerNorm(head_dim, eps=1e-6)
        self.norm2 = NormZero(time_dim, dim)
        self.ff_in = nn.Linear(dim, 4 * dim)
        self.ff_out = nn.Linear(4 * dim, dim)

    def forward(self, video, text, emb):
        text_len = text.shape[1]
        nv, nt, gate, egate = self.norm1(video, text, emb)
        joint = torch.cat([nt, nv], 1)
        b = joint.shape[0]
        split = lambda x: x.view(b, -1, self.heads, self.head_dim).transpose(1, 2)
        q, k, v = self.norm_q(split(self.to_q(joint))), self.norm_k(split(self.to_k(joint))), split(self.to_v(joint))
        weights = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(self.head_dim), -1)
        out = self.to_out((weights @ v).transpose(1, 2).reshape(b, -1, self.heads * self.head_dim))
        video = video + gate * out[:, text_len:]
        text = text + egate * out[:, :text_len]
        nv, nt, gate, egate = self.norm2(video, text, emb)
        fed = self.ff_out(F.gelu(self.ff_in(torch.cat([nt, nv], 1)), approximate="tanh"))
        return video + gate * fed[:, text_len:], text + egate * fed[:, :text_len]


class Judge(nn.Module):
    def __init__(self, p, aspects=21):
        super().__init__()
        dim = p["heads"] * p["head_dim"]
        self.dim, self.p = dim, p
        self.tubelet = Tubelet(p["hidden"])
        self.proj = nn.Conv2d(16, dim, 2, stride=2)
        self.text_proj = nn.Linear(p["text_dim"], dim)
        self.linear_1 = nn.Linear(dim, p["time_dim"])
        self.linear_2 = nn.Linear(p["time_dim"], p["time_dim"])
        self.blocks = nn.ModuleList(Block(dim, p["heads"], p["head_dim"], p["time_dim"]) for _ in range(p["layers"]))
        self.norm_final = nn.LayerNorm(dim, eps=1e-5)
        self.norm_out_linear = nn.Linear(p["time_dim"], 2 * dim)
        self.norm_out = nn.LayerNorm(dim, eps=1e-5)
        self.proj_out = nn.Linear(dim, 64)
        self.head_in = nn.Linear(dim, p["head_hidden"])
        self.head_out = nn.Linear(p["head_hidden"], 1)
        self.aspect_in = nn.Linear(dim, p["head_hidden"])
        self.aspect_out = nn.Linear(p["head_hidden"], aspects)
        self.aggregate = nn.Linear(aspects, 1)
        self.tie_logit = nn.Parameter(torch.zeros(1))
        self.register_buffer("null_text", torch.zeros(p["text_len"], p["text_dim"]))
        self._positions = None

    def energies(self, latents):
        return self.energy_head(self.tokens(latents), latents.shape[1])

    def energy_head(self, tokens, t):
        return self.head_out(F.gelu(self.head_in(tokens))).squeeze(-1).reshape(tokens.shape[0], t, -1).mean(-1)

    def tokens(self, latents, grad_from=0):
        """The video tokens after norm_final; blocks before `grad_from` run without autograd (frozen)."""
        b, t, c, h, w = latents.shape
        half = self.dim // 2
        exponent = -math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half
        sinusoid = torch.zeros(b, 1) * torch.exp(exponent)[None]
        sinusoid = torch.cat([torch.cos(sinusoid), torch.sin(sinusoid)], -1)
        emb = self.linear_2(F.silu(self.linear_1(sinusoid)))
        video = self.proj(latents.reshape(-1, c, h, w))
        video = video.view(b, t, *video.shape[1:]).flatten(3).transpose(2, 3).flatten(1, 2)
        if self._positions is None or self._positions.shape[0] != video.shape[1]:
            self._positions = sincos_3d(self.dim, w // 2, h // 2, t)
        video = video + self._positions
        text = self.text_proj(self.null_text.expand(b, -1, -1))
        for index, block in enumerate(self.blocks):
            with torch.set_grad_enabled(torch.is_grad_enabled() and index >= grad_from):
                video, text = block(video, text, emb)
        return self.norm_final(video)


def to_pixels(clips):
    """uint8 [F, H, W, 3] clips -> [B, 3, F, H, W] in [-1, 1], as Judge::Impl::pixelsFrom."""
    return torch.stack([c.permute(3, 0, 1, 2).float() / 127.5 - 1.0 for c in clips])


def davidson_loss(a, b, verdicts, tie_logit):
    logits = torch.stack([a, b, tie_logit.reshape(()) + (a + b) / 2], -1)
    return -torch.log_softmax(logits, -1).gather(1, verdicts[:, None]).mean()


def pipeline(args, model, parameters):
    generator = torch.Generator().manual_seed(1)
    clip = lambda: torch.randint(0, 256, (args.frames, args.size, args.size, 3), dtype=torch.uint8,
                                 generator=generator)
    if args.mode == "score":
        video = clip()

        def step():
            with torch.no_grad():
                model.energies(model.tubelet(to_pixels([video])))
        examples = 1
    elif args.mode == "pretrain":
        pool = [clip() for _ in range(8)]
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.01)
        model.train()

        def step():
            picks = torch.randint(0, len(pool), (args.batch,), generator=generator).tolist()
            latents = model.tubelet(to_pixels([pool[i] for i in picks]))
            # A latent perturbation per positive (a temporal rotation: the cost of any of the five).
            shift = int(torch.randint(1, latents.shape[1], (1,), generator=generator))
            negatives = torch.roll(latents, shift, 1)
            energies = model.energies(torch.cat([latents, negatives], 0)).mean(1)
            positive, negative = energies[:args.batch], energies[args.batch:]
            loss = positive.mean() - negative.mean() + 0.2 * (positive.pow(2).mean() + negative.pow(2).mean())
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
        examples = 2 * args.batch
    else:
        return finetune(args, model, parameters, clip, generator)
    step()  # warm-up
    times = []
    for _ in range(args.iterations):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    times.sort()
    return {"seconds": times[0], "examples_per_s": examples / times[0]}


def finetune(args, model, parameters, clip, generator):
    videos = max(2, args.pairs // 2)
    pool = [clip() for _ in range(videos)]
    pairs = []
    for _ in range(args.pairs):
        a = int(torch.randint(0, videos, (1,), generator=generator))
        b = (a + 1 + int(torch.randint(0, videos - 1, (1,), generator=generator))) % videos
        verdict = int(torch.randint(0, 3, (1,), generator=generator))
        pairs.append((a, b, verdict, [verdict, -1, int(torch.randint(0, 3, (1,), generator=generator))]))
    for p in model.parameters():
        p.requires_grad_(False)
    first = model.p["layers"] - (model.p["layers"] + 2) // 3  # the last third, as the LoRA's blocks
    trainable = [model.tie_logit, *model.aspect_in.parameters(), *model.aspect_out.parameters(),
                 *model.aggregate.parameters()]
    for block in model.blocks[first:]:
        for layer in (block.to_q, block.to_k, block.to_v, block.to_out):
            trainable += list(layer.parameters())
    for p in trainable:
        p.requires_grad_(True)
    optimizer = torch.optim.AdamW(trainable, lr=3e-3, weight_decay=0.01)
    model.train()
    start = time.perf_counter()
    order = torch.randperm(len(pairs), generator=generator).tolist()
    for begin in range(0, len(order), args.batch):
        batch = [pairs[i] for i in order[begin:begin + args.batch]]
        clips = [pool[v] for a, b, _, _ in batch for v in (a, b)]
        with torch.no_grad():
            latents = model.tubelet(to_pixels(clips))
        tokens = model.tokens(latents, first)
        energy = model.energy_head(tokens, latents.shape[1]).mean(1)
        scores = model.aspect_out(F.gelu(model.aspect_in(tokens))).mean(1) - energy[:, None]
        reward = model.aggregate(scores).squeeze(-1).view(-1, 2)
        verdicts = torch.tensor([v for _, _, v, _ in batch])
        loss = davidson_loss(reward[:, 0], reward[:, 1], verdicts, model.tie_logit)
        rows, columns, aspect_verdicts = [], [], []
        for i, (_, _, _, aspects) in enumerate(batch):
            for k, v in enumerate(aspects):
                if v >= 0:
                    rows.append(i), columns.append(k), aspect_verdicts.append(v)
        pair_scores = scores.view(-1, 2, scores.shape[1])
        rows, columns = torch.tensor(rows), torch.tensor(columns)
        loss = loss + 0.5 * davidson_loss(pair_scores[rows, 0, columns], pair_scores[rows, 1, columns],
                                          torch.tensor(aspect_verdicts), model.tie_logit)
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        optimizer.step()
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "examples_per_s": args.pairs / seconds, "pairs": args.pairs,
            "steps": (args.pairs + args.batch - 1) // args.batch}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--preset", default="tiny")
    parser.add_argument("--mode", choices=["forward", "train", "score", "pretrain", "finetune"], default="forward")
    parser.add_argument("--frames", type=int, default=33)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--batch", type=int, default=2)
    parser.add_argument("--pairs", type=int, default=1000)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = Judge(PRESETS[args.preset], aspects=3 if args.mode == "finetune" else 21)
    for module in model.modules():  # adaLN-Zero, as the C++ judge initialises a fresh model
        if isinstance(module, NormZero):
            nn.init.zeros_(module.linear.weight)
            nn.init.zeros_(module.linear.bias)
    parameters = sum(p.numel() for p in model.parameters())
    if args.mode in ("score", "pretrain", "finetune"):
        result = pipeline(args, model, parameters)
        print(json.dumps({"implementation": "pytorch-eager", "torch": torch.__version__, "preset": args.preset,
                          "mode": args.mode, "parameters": parameters,
                          "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, **result}))
        return
    video = torch.rand(1, 3, args.frames, args.size, args.size) * 2 - 1
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)

    def forward():
        with torch.no_grad():
            model.energies(model.tubelet(video))

    def train():
        latents = model.tubelet(video)
        negative = torch.cat([latents[:, latents.shape[1] // 2:], latents[:, :latents.shape[1] // 2]], 1)
        energies = model.energies(torch.cat([latents, negative], 0)).mean(1)
        loss = energies[0] - energies[1] + 0.2 * (energies[0] ** 2 + energies[1] ** 2)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    step = forward if args.mode == "forward" else train
    step()  # warm-up
    times = []
    for _ in range(args.iterations):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    times.sort()
    print(json.dumps({"implementation": "pytorch-eager", "torch": torch.__version__, "preset": args.preset,
                      "mode": args.mode, "seconds": times[0], "parameters": parameters,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}))


if __name__ == "__main__":
    main()
