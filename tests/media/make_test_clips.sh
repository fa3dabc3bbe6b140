#!/usr/bin/env bash
# Makes the test clips every media-reading suite shares, from FFmpeg's lavfi sources (no downloads).
# Usage: make_test_clips.sh OUTDIR. Idempotent: a clip that exists is kept; a stamp names the recipe version.
#
# Most clips carry their frame index in the picture: the top 40 rows hold 16 blocks of 20x40 pixels, block b
# white when bit b of the frame number is set, black when not (tests/support/test_clips.h reads it back).
set -euo pipefail
out=${1:?usage: make_test_clips.sh OUTDIR}
recipe=6 # bump when a recipe below changes, so stale clips are remade
mkdir -p "$out"
cd "$out"
if [ "$(cat .recipe 2>/dev/null || true)" != "$recipe" ]; then
    find . -mindepth 1 -delete
    echo "$recipe" > .recipe
fi

ff() { ffmpeg -hide_banner -loglevel error -nostdin -y "$@"; }

make() { # make NAME ARGS... : writes NAME through a temporary file so a killed run leaves no half clip
    local name=$1; shift
    [ -s "$name" ] && return 0
    local tmp=".tmp.${name%.*}.${name##*.}"
    ff "$@" "$tmp"
    mv "$tmp" "$name"
}

# The frame-index pattern over a moving test picture; $1 = size, $2 = rate.
indexed() {
    local bits="if(lt(Y\,40)\,if(mod(floor(N/pow(2\,floor(X/20)))\,2)\,235\,16)\,lum(X\,Y))"
    local grey="if(lt(Y/SH\,40)\,128\,cb(X\,Y))"
    local grey2="if(lt(Y/SH\,40)\,128\,cr(X\,Y))"
    echo "testsrc2=size=$1:rate=$2,format=yuv420p,geq=lum='$bits':cb='$grey':cr='$grey2'"
}
SD=$(indexed 320x240 25)

# H.264, B-frames, one long GOP (key frames at 0 and 100).
make idx_h264_bframes.mp4 -f lavfi -i "$SD" -frames:v 120 -c:v libx264 -preset veryfast -bf 3 -g 100 \
    -x264-params scenecut=0 -pix_fmt yuv420p -movflags +faststart
# H.264 open GOPs: leading B-frames of each GOP reference the previous one.
make idx_h264_opengop.mp4 -f lavfi -i "$SD" -frames:v 120 -c:v libx264 -preset veryfast -bf 3 -g 24 \
    -x264-params open-gop=1:scenecut=0 -pix_fmt yuv420p
# VP9 in WebM (alt-ref frames hidden in superframes).
make idx_vp9.webm -f lavfi -i "$SD" -frames:v 60 -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 800k -g 30
# MPEG-4 Part 2 with B-frames in AVI (no presentation timestamps in the container).
make idx_mpeg4.avi -f lavfi -i "$SD" -frames:v 60 -c:v mpeg4 -q:v 3 -bf 2 -g 25
# Theora in Ogg.
make idx_theora.ogv -f lavfi -i "$SD" -frames:v 60 -c:v libtheora -q:v 8 -g 30
# Motion JPEG: full-range (JPEG) YUV, every frame a key frame.
make idx_mjpeg.avi -f lavfi -i "$SD" -frames:v 40 -c:v mjpeg -q:v 2 -pix_fmt yuvj420p
# Variable frame rate in Matroska: frames 0-29 at 25 fps, frames 30-59 at 10 fps (millisecond time base).
make idx_vfr.mkv -f lavfi -i "$SD" -frames:v 60 -vf "settb=1/1000,setpts='if(lt(N,30),N/25,1.2+(N-30)/10)/TB'" \
    -fps_mode passthrough -enc_time_base 1:1000 -c:v libx264 -preset veryfast -bf 2 -g 20 -pix_fmt yuv420p
# The same in the filter's 1/25 time base: 1.16 s rounds down to 1.12 s, so two frames share a timestamp.
make dup_pts.mkv -f lavfi -i "$SD" -frames:v 60 -vf "setpts='if(lt(N,30),N/25,1.2+(N-30)/10)/TB'" \
    -fps_mode passthrough -c:v libx264 -preset veryfast -bf 2 -g 20 -pix_fmt yuv420p
# A phone-style portrait video: stored 320x240 landscape, a display matrix turns it on its side.
make .rotate_base.mp4 -f lavfi -i "$SD" -frames:v 30 -c:v libx264 -preset veryfast -pix_fmt yuv420p
make idx_rotated.mp4 -i .rotate_base.mp4 -c copy -metadata:s:v:0 rotate=90
# MPEG-TS: timestamps do not start at 0.
make idx_offset.ts -f lavfi -i "$SD" -frames:v 75 -c:v libx264 -preset veryfast -bf 2 -g 25 -pix_fmt yuv420p
# An edit list: cut at frame 27 without re-encoding, so frames 20-26 are coded but not shown.
make .editbase.mp4 -f lavfi -i "$SD" -frames:v 100 -c:v libx264 -preset veryfast -bf 2 -g 10 -x264-params scenecut=0 \
    -pix_fmt yuv420p
make idx_editlist.mp4 -ss 1.08 -i .editbase.mp4 -c copy
# A numbered PNG sequence with unpadded numbers (natural order matters: f_9 before f_10).
if [ ! -s idx_frames/f_29.png ]; then
    rm -rf idx_frames .tmp_frames && mkdir .tmp_frames
    ff -f lavfi -i "$SD" -frames:v 30 -start_number 0 .tmp_frames/f_%d.png
    mv .tmp_frames idx_frames
fi
# High definition, untagged: BT.709 must be assumed for it.
make idx_h264_720p.mp4 -f lavfi -i "$(indexed 1280x720 30)" -frames:v 20 -c:v libx264 -preset ultrafast \
    -pix_fmt yuv420p

# The foundation's plain clips.
make h264_25fps_50f.mp4 -f lavfi -i testsrc2=size=320x240:rate=25 -f lavfi -i sine=frequency=440:sample_rate=44100 \
    -frames:v 50 -t 2 -c:v libx264 -preset veryfast -bf 3 -g 12 -pix_fmt yuv420p -c:a aac -shortest
make audio_only.m4a -f lavfi -i sine=frequency=440:sample_rate=44100 -t 1 -c:a aac

# Bad inputs.
[ -s not_a_video.txt ] || printf 'These are words, not frames.\n' > not_a_video.txt
[ -e empty.mp4 ] || : > empty.mp4
if [ ! -s truncated_faststart.mp4 ]; then # index at the front, second half of the data missing
    size=$(stat -c %s idx_h264_bframes.mp4)
    head -c $((size * 55 / 100)) idx_h264_bframes.mp4 > .tmp.trunc && mv .tmp.trunc truncated_faststart.mp4
fi
if [ ! -s truncated_no_index.mp4 ]; then # index at the end, cut off
    make .moov_at_end.mp4 -f lavfi -i "$SD" -frames:v 50 -c:v libx264 -preset veryfast -pix_fmt yuv420p
    size=$(stat -c %s .moov_at_end.mp4)
    head -c $((size * 60 / 100)) .moov_at_end.mp4 > .tmp.trunc2 && mv .tmp.trunc2 truncated_no_index.mp4
fi
if [ ! -s corrupt_middle.ts ]; then # 24 KiB of garbage over the middle of a transport stream
    cp idx_offset.ts .tmp.corrupt
    size=$(stat -c %s .tmp.corrupt)
    head -c 24576 /dev/urandom > .tmp.garbage
    dd if=.tmp.garbage of=.tmp.corrupt bs=1 seek=$((size / 2)) conv=notrunc status=none
    rm .tmp.garbage && mv .tmp.corrupt corrupt_middle.ts
fi
if [ ! -s huge_dimensions.y4m ]; then # a header claiming 40000x40000 pictures
    { printf 'YUV4MPEG2 W40000 H40000 F25:1 Ip A1:1 C420jpeg\nFRAME\n'; head -c 4096 /dev/zero; } > huge_dimensions.y4m
fi
if [ ! -s wide_dimensions.y4m ]; then # FFmpeg accepts 20000x16; we refuse more than 16384 on a side
    { printf 'YUV4MPEG2 W20000 H16 F25:1 Ip A1:1 C420jpeg\nFRAME\n'; head -c 480000 /dev/zero; } > wide_dimensions.y4m
fi
echo "test clips ready in $out"
