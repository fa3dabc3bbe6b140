<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>svj::widgets::AboutDialog</name>
    <message>
        <source>About %1</source>
        <translation>关于 %1</translation>
    </message>
    <message>
        <source>A workstation for judging generated video: side-by-side playback, the per-frame energy curve of a learned video judge (GT-SVJ), human preference labels, exports and local fine-tuning.</source>
        <translation>评判生成视频的工作台：并排播放、学习型视频评判器（GT-SVJ）的逐帧能量曲线、人工偏好标注、导出以及本地微调。</translation>
    </message>
    <message>
        <source>Running with:</source>
        <translation>运行环境：</translation>
    </message>
    <message>
        <source>&amp;Copy Versions</source>
        <translation>复制版本信息(&amp;C)</translation>
    </message>
</context>
<context>
    <name>svj::widgets::ComparisonView</name>
    <message>
        <source>Video comparison</source>
        <translation>视频对比</translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation>播放或暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>Worst moment (W)</source>
        <translation>最差时刻 (W)</translation>
    </message>
    <message>
        <source>Jump to where the judge&apos;s preference between A and B is strongest</source>
        <translation>跳到评判器对 A 与 B 偏好最明显的位置</translation>
    </message>
    <message>
        <source>Next flip (N)</source>
        <translation>下一次翻转 (N)</translation>
    </message>
    <message>
        <source>Jump to where ΔE next changes sign: the judge changes its mind</source>
        <translation>跳到 ΔE 下一次变号的位置：评判器改变了看法</translation>
    </message>
    <message>
        <source>&amp;Judge:</source>
        <translation>评判器(&amp;J)：</translation>
    </message>
    <message>
        <source>The judge saw:</source>
        <translation>评判器看到的：</translation>
    </message>
    <message>
        <source>Video whose judge frames are shown</source>
        <translation>显示其评判帧的视频</translation>
    </message>
    <message>
        <source>open 1 to 4 videos (got %1)</source>
        <translation>请打开 1 到 4 个视频（收到 %1 个）</translation>
    </message>
    <message>
        <source>%1: no video frames</source>
        <translation>%1：没有视频帧</translation>
    </message>
    <message>
        <source>Scoring %1 (%2 of %3) with the judge…</source>
        <translation>正在用评判器为 %1 打分（第 %2 个，共 %3 个）…</translation>
    </message>
    <message>
        <source>Scoring %1 (%2 of %3): window %4 of %5</source>
        <translation>正在为 %1 打分（第 %2 个，共 %3 个）：窗口 %4 / %5</translation>
    </message>
    <message>
        <source>Scoring %1 failed: %2</source>
        <translation>%1 打分失败：%2</translation>
    </message>
    <message>
        <source>Scoring cancelled</source>
        <translation>已取消打分</translation>
    </message>
    <message>
        <source>Scored by %1: press W for the worst moment</source>
        <translation>已由 %1 打分：按 W 跳到最差时刻</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Looping %1 s – %2 s</source>
        <translation>循环 %1 秒 – %2 秒</translation>
    </message>
    <message>
        <source>Loop off</source>
        <translation>循环关闭</translation>
    </message>
    <message>
        <source>%1 starts at %2 s on the timeline</source>
        <translation>%1 在时间轴上从 %2 秒开始</translation>
    </message>
    <message>
        <source>Alt+←/→ now move %1 on the timeline</source>
        <translation>Alt+←/→ 现在在时间轴上移动 %1</translation>
    </message>
    <message>
        <source>No judge scores yet: score the videos first</source>
        <translation>评判器尚未打分：请先为视频打分</translation>
    </message>
    <message>
        <source>ΔE does not change sign after this point</source>
        <translation>此处之后 ΔE 不再变号</translation>
    </message>
    <message>
        <source>Wipe, flicker and difference compare two videos: open at least two</source>
        <translation>擦除、闪烁和差异模式比较两个视频：请至少打开两个</translation>
    </message>
    <message>
        <source>Difference gain ×%1</source>
        <translation>差异增益 ×%1</translation>
    </message>
    <message>
        <source>%1 pixel %2, %3</source>
        <translation>%1 像素 %2, %3</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 × %3)</source>
        <translation>已写入 %1（%2 × %3）</translation>
    </message>
    <message>
        <source>Copied the frame numbers and energies</source>
        <translation>已复制帧号和能量</translation>
    </message>
    <message>
        <source>%1 / %2 s</source>
        <translation>%1 / %2 秒</translation>
    </message>
    <message>
        <source>%1 frame %2</source>
        <translation>%1 第 %2 帧</translation>
    </message>
    <message>
        <source>Play / Pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation>下一帧</translation>
    </message>
    <message>
        <source>Previous frame</source>
        <translation>上一帧</translation>
    </message>
    <message>
        <source>10 frames forward</source>
        <translation>前进 10 帧</translation>
    </message>
    <message>
        <source>10 frames back</source>
        <translation>后退 10 帧</translation>
    </message>
    <message>
        <source>To start</source>
        <translation>到开头</translation>
    </message>
    <message>
        <source>To end</source>
        <translation>到结尾</translation>
    </message>
    <message>
        <source>Jump to the worst moment</source>
        <translation>跳到最差时刻</translation>
    </message>
    <message>
        <source>Next sign change of ΔE</source>
        <translation>ΔE 的下一次变号</translation>
    </message>
    <message>
        <source>Side by Side</source>
        <translation>并排</translation>
    </message>
    <message>
        <source>Wipe (drag the line)</source>
        <translation>擦除（拖动分割线）</translation>
    </message>
    <message>
        <source>Flicker A/B</source>
        <translation>A/B 闪烁</translation>
    </message>
    <message>
        <source>Difference |A − B|</source>
        <translation>差异 |A − B|</translation>
    </message>
    <message>
        <source>Show the Other Video (flicker)</source>
        <translation>显示另一个视频（闪烁）</translation>
    </message>
    <message>
        <source>More Difference Gain</source>
        <translation>增大差异增益</translation>
    </message>
    <message>
        <source>Less Difference Gain</source>
        <translation>减小差异增益</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit to Pane</source>
        <translation>适应窗格</translation>
    </message>
    <message>
        <source>Actual Pixels (1:1)</source>
        <translation>实际像素 (1:1)</translation>
    </message>
    <message>
        <source>Copy Frame Numbers and Energies</source>
        <translation>复制帧号和能量</translation>
    </message>
    <message>
        <source>Loop from Here</source>
        <translation>从此处开始循环</translation>
    </message>
    <message>
        <source>Loop up to Here</source>
        <translation>循环到此处</translation>
    </message>
    <message>
        <source>Loop On/Off</source>
        <translation>循环开/关</translation>
    </message>
    <message>
        <source>Selected Video One Frame Later</source>
        <translation>所选视频推后一帧</translation>
    </message>
    <message>
        <source>Selected Video One Frame Earlier</source>
        <translation>所选视频提前一帧</translation>
    </message>
    <message>
        <source>Selected Video Ten Frames Later</source>
        <translation>所选视频推后十帧</translation>
    </message>
    <message>
        <source>Selected Video Ten Frames Earlier</source>
        <translation>所选视频提前十帧</translation>
    </message>
    <message>
        <source>Reset Offsets</source>
        <translation>重置偏移</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>更慢</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>更快</translation>
    </message>
</context>
<context>
    <name>svj::widgets::EnergyPlot</name>
    <message>
        <source>Judge energy curves</source>
        <translation>评判器能量曲线</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>energy (↓ better)</source>
        <translation>能量（↓ 越好）</translation>
    </message>
    <message>
        <source>ΔE = E(A) − E(B)</source>
        <translation>ΔE = E(A) − E(B)</translation>
    </message>
    <message>
        <source>ΔE (A − B)</source>
        <translation>ΔE (A − B)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1: frame %2, E = %3</source>
        <translation>%1：第 %2 帧，E = %3</translation>
    </message>
    <message>
        <source>%1: frame %2</source>
        <translation>%1：第 %2 帧</translation>
    </message>
    <message>
        <source>ΔE = %1 (%2 looks better here)</source>
        <translation>ΔE = %1（此处 %2 看起来更好）</translation>
    </message>
    <message>
        <source>%1: latent frame %2 of window %3 = frames %4–%5 (the judge saw %6)</source>
        <translation>%1：窗口 %3 的潜在帧 %2 = 第 %4–%5 帧（评判器看到 %6）</translation>
    </message>
</context>
<context>
    <name>svj::widgets::ExportDialog</name>
    <message>
        <source>JSON lines: every verdict and aspect (ours)</source>
        <translation>JSON Lines：每个判断和每个维度（本工具格式）</translation>
    </message>
    <message>
        <source>CSV: every verdict and aspect (ours)</source>
        <translation>CSV：每个判断和每个维度（本工具格式）</translation>
    </message>
    <message>
        <source>GenAI-Bench video preference rows</source>
        <translation>GenAI-Bench 视频偏好行</translation>
    </message>
    <message>
        <source>VideoGen-RewardBench rows (VQ, MQ, TA, Overall)</source>
        <translation>VideoGen-RewardBench 行（VQ、MQ、TA、Overall）</translation>
    </message>
    <message>
        <source>MonetBench rows</source>
        <translation>MonetBench 行</translation>
    </message>
    <message>
        <source>TRL preference set (chosen / rejected)</source>
        <translation>TRL 偏好数据集（chosen / rejected）</translation>
    </message>
    <message>
        <source>Video folder with metadata.jsonl (Hugging Face datasets)</source>
        <translation>带 metadata.jsonl 的视频文件夹（Hugging Face datasets）</translation>
    </message>
    <message>
        <source>Pick-a-Pic style rows</source>
        <translation>Pick-a-Pic 风格的行</translation>
    </message>
    <message>
        <source>Export Labels</source>
        <translation>导出标注</translation>
    </message>
    <message>
        <source>Export format</source>
        <translation>导出格式</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>Export file</source>
        <translation>导出文件</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Write to:</source>
        <translation>写入到(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Export into a folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Choose where to write first.</source>
        <translation>请先选择写入位置。</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n label(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 条标注写入 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;br&gt;✓ Round trip: read back as the same %n preference(s).</source>
        <translation>
            <numerusform>&lt;br&gt;✓ 往返检查：读回为相同的 %n 条偏好。</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;✗ Round trip: %1 written, %2 read back.&lt;/b&gt; %3</source>
        <translation>&lt;br&gt;&lt;b&gt;✗ 往返检查：写入 %1 条，读回 %2 条。&lt;/b&gt; %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not exported:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;未导出：&lt;/b&gt;%1</translation>
    </message>
</context>
<context>
    <name>svj::widgets::FinetunePanel</name>
    <message>
        <source>Pair %1 — %2 chose %3; old judge %4, new judge %5</source>
        <translation>第 %1 对 — %2 选择了 %3；旧评判器 %4，新评判器 %5</translation>
    </message>
    <message>
        <source>Fine-tuning</source>
        <translation>微调</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>&amp;Fine-Tune on These Labels</source>
        <translation>在这些标注上微调(&amp;F)</translation>
    </message>
    <message>
        <source>Trains the judge in use on the workspace&apos;s labels, in a process of its own</source>
        <translation>在单独的进程中，用工作区的标注训练当前使用的评判器</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Fine-tuning progress</source>
        <translation>微调进度</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <source>Training loss and held-out accuracy</source>
        <translation>训练损失和留出集准确率</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>held-out accuracy</source>
        <translation>留出集准确率</translation>
    </message>
    <message>
        <source>training loss, epoch mean</source>
        <translation>训练损失（每轮平均）</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>&amp;Use</source>
        <translation>使用(&amp;U)</translation>
    </message>
    <message>
        <source>Draw the curves with this judge</source>
        <translation>用此评判器绘制曲线</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>重命名(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Di&amp;ff with Its Parent</source>
        <translation>与其父检查点对比(&amp;F)</translation>
    </message>
    <message>
        <source>Checkpoint diff (double-click a pair to see it)</source>
        <translation>检查点对比（双击一对以查看）</translation>
    </message>
    <message>
        <source>Fine-tune, or pick a checkpoint and Diff.</source>
        <translation>请先微调，或选择一个检查点再对比。</translation>
    </message>
    <message>
        <source>Pairs the new judge gets right and the old got wrong</source>
        <translation>新评判器判对而旧评判器判错的视频对</translation>
    </message>
    <message>
        <source>Pairs the old judge got right and the new gets wrong</source>
        <translation>旧评判器判对而新评判器判错的视频对</translation>
    </message>
    <message>
        <source>Now right (were wrong):</source>
        <translation>现在正确（之前错误）：</translation>
    </message>
    <message>
        <source>Now wrong (were right):</source>
        <translation>现在错误（之前正确）：</translation>
    </message>
    <message>
        <source>Rename checkpoint</source>
        <translation>重命名检查点</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Delete checkpoint</source>
        <translation>删除检查点</translation>
    </message>
    <message>
        <source>Delete %1 and its files?</source>
        <translation>删除 %1 及其文件？</translation>
    </message>
    <message>
        <source>Pair %1 with the new judge&apos;s curves (Label → Back to the Queue returns)</source>
        <translation>第 %1 对，显示新评判器的曲线（标注 → 返回队列 可回到原处）</translation>
    </message>
    <message>
        <source>Scoring for the diff failed: %1</source>
        <translation>为对比打分失败：%1</translation>
    </message>
    <message>
        <source>%1   (%2)</source>
        <translation>%1   (%2)</translation>
    </message>
    <message>
        <source>Shipped judge</source>
        <translation>内置评判器</translation>
    </message>
    <message>
        <source>A fine-tune is running already</source>
        <translation>已有微调在运行</translation>
    </message>
    <message>
        <source>Fine-tune log: %1</source>
        <translation>微调日志：%1</translation>
    </message>
    <message>
        <source>Nothing to resume</source>
        <translation>没有可继续的任务</translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>Starting: loading the judge and the labelled videos…</source>
        <translation>正在启动：加载评判器和已标注的视频…</translation>
    </message>
    <message>
        <source>Fine-tuning %1 on the workspace&apos;s labels</source>
        <translation>正在用工作区的标注微调 %1</translation>
    </message>
    <message>
        <source>Stopping after this step (a checkpoint is written; Resume continues)…</source>
        <translation>将在本步之后停止（会写入检查点；“继续”可接着训练）…</translation>
    </message>
    <message>
        <source> — finished: %1</source>
        <translation> — 已完成：%1</translation>
    </message>
    <message>
        <source>Fine-tuned judge written to %1; comparing it with its parent…</source>
        <translation>微调后的评判器已写入 %1；正在与其父检查点对比…</translation>
    </message>
    <message>
        <source>Stopped before the end%1</source>
        <translation>在结束前停止%1</translation>
    </message>
    <message>
        <source>Preparing (%1): %2 of %3</source>
        <translation>准备中（%1）：%2 / %3</translation>
    </message>
    <message>
        <source>Step %1 of %2 · epoch %3 of %4 · loss %5 · ETA %6</source>
        <translation>第 %1 / %2 步 · 第 %3 / %4 轮 · 损失 %5 · 剩余时间 %6</translation>
    </message>
    <message>
        <source>%1 labelled pairs: %2 to train on, %3 held out</source>
        <translation>%1 个已标注的视频对：%2 个用于训练，%3 个留出</translation>
    </message>
    <message>
        <source>Reattached to the fine-tune writing %1</source>
        <translation>已重新连接到正在写入 %1 的微调</translation>
    </message>
    <message>
        <source>Curves now drawn by %1</source>
        <translation>曲线现在由 %1 绘制</translation>
    </message>
    <message>
        <source>Cannot rename to %1: it exists, or the checkpoint is being written</source>
        <translation>无法重命名为 %1：该名称已存在，或检查点正在写入</translation>
    </message>
    <message>
        <source>Cannot rename %1</source>
        <translation>无法重命名 %1</translation>
    </message>
    <message>
        <source>Stop the run first: it is writing %1</source>
        <translation>请先停止运行：它正在写入 %1</translation>
    </message>
    <message>
        <source>No decisive labels (A or B) to compare the judges on yet.</source>
        <translation>还没有可用于比较评判器的明确标注（A 或 B）。</translation>
    </message>
    <message numerus="yes">
        <source>Scoring %n labelled video(s) with both judges (kept in the workspace)…</source>
        <translation>
            <numerusform>正在用两个评判器为 %n 个已标注视频打分（保存在工作区中）…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 → %2: %3 now right, %4 now wrong; %5 right by both, %6 wrong by both, %7 unscored</source>
        <translation>%1 → %2：%3 个现在正确，%4 个现在错误；%5 个两者都对，%6 个两者都错，%7 个未打分</translation>
    </message>
</context>
<context>
    <name>svj::widgets::ImportDialog</name>
    <message>
        <source>Import into the Workspace</source>
        <translation>导入到工作区</translation>
    </message>
    <message>
        <source>A folder of videos (MODEL/PROMPT.mp4)</source>
        <translation>视频文件夹（模型/提示词.mp4）</translation>
    </message>
    <message>
        <source>A video manifest (CSV or JSONL: path, model, prompt)</source>
        <translation>视频清单（CSV 或 JSONL：路径、模型、提示词）</translation>
    </message>
    <message>
        <source>A preference file (labelled pairs)</source>
        <translation>偏好文件（已标注的视频对）</translation>
    </message>
    <message>
        <source>What to import</source>
        <translation>导入内容</translation>
    </message>
    <message>
        <source>&amp;Import:</source>
        <translation>导入(&amp;I)：</translation>
    </message>
    <message>
        <source>Folder or file to import</source>
        <translation>要导入的文件夹或文件</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>来源(&amp;F)：</translation>
    </message>
    <message>
        <source>Preference file format</source>
        <translation>偏好文件格式</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>格式(&amp;O)：</translation>
    </message>
    <message>
        <source>Pair the new videos (same prompt, different models)</source>
        <translation>为新视频配对（相同提示词，不同模型）</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>导入进度</translation>
    </message>
    <message>
        <source>An import is all or nothing: a failed or cancelled one changes nothing.</source>
        <translation>导入要么全部完成，要么什么都不做：失败或取消的导入不会改变任何内容。</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>A folder of videos</source>
        <translation>视频文件夹</translation>
    </message>
    <message>
        <source>A file to import</source>
        <translation>要导入的文件</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>已取消：未导入任何内容。</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not imported&lt;/b&gt; (the workspace is unchanged): %1</source>
        <translation>&lt;b&gt;未导入&lt;/b&gt;（工作区未改变）：%1</translation>
    </message>
    <message>
        <source>Choose a folder or file first.</source>
        <translation>请先选择文件夹或文件。</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Imported.&lt;/b&gt;&lt;br&gt;%1</source>
        <translation>&lt;b&gt;已导入。&lt;/b&gt;&lt;br&gt;%1</translation>
    </message>
</context>
<context>
    <name>svj::widgets::JudgeChoice</name>
    <message>
        <source>Judge checkpoint</source>
        <translation>评判器检查点</translation>
    </message>
    <message>
        <source>The judge whose energy curves are drawn; scores are kept per video and checkpoint</source>
        <translation>绘制能量曲线所用的评判器；打分结果按视频和检查点保存</translation>
    </message>
    <message>
        <source>Shipped judge</source>
        <translation>内置评判器</translation>
    </message>
    <message>
        <source>The default judge that comes with SVJ Workbench</source>
        <translation>SVJ Workbench 自带的默认评判器</translation>
    </message>
    <message>
        <source>Other Checkpoint…</source>
        <translation>其他检查点…</translation>
    </message>
    <message>
        <source>Choose a judge checkpoint</source>
        <translation>选择评判器检查点</translation>
    </message>
    <message>
        <source>Judge checkpoints (*.safetensors);;All files (*)</source>
        <translation>评判器检查点 (*.safetensors);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>svj::widgets::JudgeStrip</name>
    <message>
        <source>Frames the judge saw</source>
        <translation>评判器看到的帧</translation>
    </message>
    <message>
        <source>The frames the judge saw, window by window; shades group the frames of one latent frame</source>
        <translation>评判器逐窗口看到的帧；阴影把属于同一潜在帧的帧归为一组</translation>
    </message>
    <message>
        <source>window %1</source>
        <translation>窗口 %1</translation>
    </message>
    <message>
        <source>source frame %1 (window %2, latent frame %3): click to go there</source>
        <translation>源帧 %1（窗口 %2，潜在帧 %3）：点击跳转</translation>
    </message>
    <message>
        <source>frame %1</source>
        <translation>第 %1 帧</translation>
    </message>
</context>
<context>
    <name>svj::widgets::LabellingPanel</name>
    <message>
        <source>Left better</source>
        <translation>左边更好</translation>
    </message>
    <message>
        <source>Right better</source>
        <translation>右边更好</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>平局</translation>
    </message>
    <message>
        <source>Both bad</source>
        <translation>都不好</translation>
    </message>
    <message>
        <source>Labelling</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>&amp;Queue:</source>
        <translation>队列(&amp;Q)：</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>My assignments</source>
        <translation>我的分配</translation>
    </message>
    <message>
        <source>Gold checks</source>
        <translation>金标准检查</translation>
    </message>
    <message>
        <source>Judge disagreements</source>
        <translation>与评判器的分歧</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <source>Contested pairs (a lead&apos;s final verdict)</source>
        <translation>有争议的视频对（由负责人最终裁定）</translation>
    </message>
    <message>
        <source>Labelling progress</source>
        <translation>标注进度</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <source>Assign Me the Remaining Pairs</source>
        <translation>把剩余的视频对分配给我</translation>
    </message>
    <message>
        <source>Every pair you have no assignment for yet, in a random order with random sides</source>
        <translation>所有尚未分配给你的视频对，随机顺序、随机左右</translation>
    </message>
    <message>
        <source>Verdict (stores and moves on)</source>
        <translation>判断（保存并进入下一对）</translation>
    </message>
    <message>
        <source>Aspects (Alt+↑/↓ choose, Alt+1…4 set)</source>
        <translation>维度（Alt+↑/↓ 选择，Alt+1…4 设置）</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Evidence (E: on the left at the playhead, Shift+E: on the right)</source>
        <translation>证据（E：在播放位置标记左侧，Shift+E：标记右侧）</translation>
    </message>
    <message>
        <source>Evidence marks</source>
        <translation>证据标记</translation>
    </message>
    <message>
        <source>Note for the evidence mark</source>
        <translation>证据标记的备注</translation>
    </message>
    <message>
        <source>What is wrong here? Enter keeps it, Esc leaves the mark without a note</source>
        <translation>这里哪里有问题？回车保存，Esc 保留标记但不写备注</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>评论(&amp;C)：</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>C to write, Enter to go back to the videos</source>
        <translation>按 C 书写，回车返回视频</translation>
    </message>
    <message>
        <source>Must watch both videos to the end before voting</source>
        <translation>投票前必须把两个视频都看完</translation>
    </message>
    <message>
        <source>Show the judge&apos;s curves while voting</source>
        <translation>投票时显示评判器的曲线</translation>
    </message>
    <message>
        <source>Aspect: %1</source>
        <translation>维度：%1</translation>
    </message>
    <message>
        <source>Previous Aspect</source>
        <translation>上一个维度</translation>
    </message>
    <message>
        <source>Next Aspect</source>
        <translation>下一个维度</translation>
    </message>
    <message>
        <source>Evidence on the Left Here</source>
        <translation>在此处标记左侧证据</translation>
    </message>
    <message>
        <source>Evidence on the Right Here</source>
        <translation>在此处标记右侧证据</translation>
    </message>
    <message>
        <source>Write a Comment</source>
        <translation>写评论</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Flag for Review</source>
        <translation>标记以待审核</translation>
    </message>
    <message>
        <source>Back to the Queue</source>
        <translation>返回队列</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing left in your queue.&lt;/b&gt; Assign yourself pairs, or pick another queue.</source>
        <translation>&lt;b&gt;你的队列已空。&lt;/b&gt;请给自己分配视频对，或选择其他队列。</translation>
    </message>
    <message>
        <source>&lt;b&gt;This queue is empty.&lt;/b&gt;</source>
        <translation>&lt;b&gt;此队列为空。&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Pair %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;第 %1 对&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;Prompt: %1</source>
        <translation>&lt;br&gt;提示词：%1</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#d55e00&apos;&gt;Cannot show this pair: %1 (S skips it)&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#d55e00&apos;&gt;无法显示此视频对：%1（按 S 跳过）&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Cannot show pair %1: %2</source>
        <translation>无法显示第 %1 对：%2</translation>
    </message>
    <message>
        <source>%1 as %2: %3 of %4 labelled, %5 skipped, %6 flagged · %7 an hour</source>
        <translation>%1 以 %2 身份：已标注 %3 / %4，跳过 %5，标记 %6 · 每小时 %7</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) left in this queue</source>
        <translation>
            <numerusform>此队列还剩 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Watched: left %1 %, right %2 %</source>
        <translation>已观看：左 %1 %，右 %2 %</translation>
    </message>
    <message>
        <source> · ready to vote</source>
        <translation> · 可以投票</translation>
    </message>
    <message>
        <source> · play both to the end to vote (Space)</source>
        <translation> · 投票前请把两个视频都播放到结尾（空格键）</translation>
    </message>
    <message>
        <source>Nothing to vote on</source>
        <translation>没有可投票的内容</translation>
    </message>
    <message>
        <source>The players show another pair now: Ctrl+Return brings back pair %1 to vote on</source>
        <translation>播放器正在显示另一对：Ctrl+Return 返回第 %1 对进行投票</translation>
    </message>
    <message>
        <source>Not counted yet: watch both videos to the end first (left %1 %, right %2 %; Space plays)</source>
        <translation>尚未计入：请先把两个视频都看完（左 %1 %，右 %2 %；空格键播放）</translation>
    </message>
    <message>
        <source>The vote was not stored: %1</source>
        <translation>投票未保存：%1</translation>
    </message>
    <message>
        <source>Stored &quot;%1&quot; for pair %2 (Ctrl+Z takes it back)</source>
        <translation>已为第 %2 对保存“%1”（Ctrl+Z 撤回）</translation>
    </message>
    <message>
        <source>%1 s · %2 · frame %3%4</source>
        <translation>%1 秒 · %2 · 第 %3 帧%4</translation>
    </message>
    <message>
        <source>left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>right</source>
        <translation>右</translation>
    </message>
    <message>
        <source>Artifact marked on the left video at %1 s</source>
        <translation>已在左侧视频 %1 秒处标记瑕疵</translation>
    </message>
    <message>
        <source>Artifact marked on the right video at %1 s</source>
        <translation>已在右侧视频 %1 秒处标记瑕疵</translation>
    </message>
    <message>
        <source>Skipped (Ctrl+Z brings it back)</source>
        <translation>已跳过（Ctrl+Z 恢复）</translation>
    </message>
    <message>
        <source>Flagged for a lead&apos;s review (Ctrl+Z takes it back)</source>
        <translation>已标记，等待负责人审核（Ctrl+Z 撤回）</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>没有可撤销的操作</translation>
    </message>
    <message>
        <source>Nothing to redo</source>
        <translation>没有可重做的操作</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <source>Redone: %1</source>
        <translation>已重做：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n pair(s) assigned to you</source>
        <translation>
            <numerusform>已给你分配 %n 个视频对</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>svj::widgets::MainWindow</name>
    <message>
        <source>SVJ workspaces (*.svjw);;SQLite files (*.sqlite *.db);;All files (*)</source>
        <translation>SVJ 工作区 (*.svjw);;SQLite 文件 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Scoring progress</source>
        <translation>打分进度</translation>
    </message>
    <message>
        <source>judge %p%</source>
        <translation>评判器 %p%</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Videos…</source>
        <translation>打开视频(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <source>Open &amp;Workspace…</source>
        <translation>打开工作区(&amp;W)…</translation>
    </message>
    <message>
        <source>Open Server Wo&amp;rkspace…</source>
        <translation>打开服务器工作区(&amp;R)…</translation>
    </message>
    <message>
        <source>Recent Wor&amp;kspaces</source>
        <translation>最近的工作区(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Score with the Judge</source>
        <translation>用评判器打分(&amp;S)</translation>
    </message>
    <message>
        <source>Score with Another &amp;Checkpoint…</source>
        <translation>用其他检查点打分(&amp;C)…</translation>
    </message>
    <message>
        <source>Choose a judge checkpoint</source>
        <translation>选择评判器检查点</translation>
    </message>
    <message>
        <source>Judge checkpoints (*.safetensors);;All files (*)</source>
        <translation>评判器检查点 (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Score with the S&amp;hipped Judge</source>
        <translation>用内置评判器打分(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Cancel Scoring</source>
        <translation>取消打分(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Export Frame as PNG…</source>
        <translation>将帧导出为 PNG(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the frames on screen</source>
        <translation>导出屏幕上的帧</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Status Bar</source>
        <translation>状态栏(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;tatistics of the Workspace</source>
        <translation>工作区统计(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>标注(&amp;L)</translation>
    </message>
    <message>
        <source>Open a workspace to label (Ctrl+Shift+O)</source>
        <translation>打开一个工作区以进行标注 (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <source>&amp;Annotator Name…</source>
        <translation>标注者姓名(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation>关于 %1(&amp;A)</translation>
    </message>
    <message>
        <source>Show &amp;Log</source>
        <translation>显示日志(&amp;L)</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>No log file is written in this session.</source>
        <translation>本次会话不写日志文件。</translation>
    </message>
    <message>
        <source>The log is %1 (attach it to a report).</source>
        <translation>日志位于 %1（请附在报告中）。</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The interface speaks the new language from the next start.</source>
        <translation>界面将从下次启动起使用新语言。</translation>
    </message>
    <message>
        <source>&amp;Restart Now</source>
        <translation>立即重启(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
    <message>
        <source>System Language (%1)</source>
        <translation>系统语言（%1）</translation>
    </message>
    <message>
        <source>Judge scores will not be kept: %1</source>
        <translation>评判器打分不会被保存：%1</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注者</translation>
    </message>
    <message>
        <source>Your name on the labels you give:</source>
        <translation>你在标注上署的名字：</translation>
    </message>
    <message>
        <source>Cannot open the workspace: %1</source>
        <translation>无法打开工作区：%1</translation>
    </message>
    <message>
        <source>Cannot open the workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <source>Cannot label in this workspace: %1</source>
        <translation>无法在此工作区中标注：%1</translation>
    </message>
    <message>
        <source>Labelling</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Fine-Tune</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>&amp;Import Videos or Labels…</source>
        <translation>导入视频或标注(&amp;I)…</translation>
    </message>
    <message>
        <source>E&amp;xport Labels…</source>
        <translation>导出标注(&amp;X)…</translation>
    </message>
    <message>
        <source>Show the &amp;Labelling Panel</source>
        <translation>显示标注面板(&amp;L)</translation>
    </message>
    <message>
        <source>Show the &amp;Fine-Tune Panel</source>
        <translation>显示微调面板(&amp;F)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Labelling as %1: 1 / 2 left or right better, 3 tie, 4 both bad; S skips</source>
        <translation>以 %1 身份标注：1 / 2 左或右更好，3 平局，4 都不好；S 跳过</translation>
    </message>
    <message>
        <source>Open a workspace to see its statistics</source>
        <translation>打开一个工作区以查看其统计</translation>
    </message>
    <message>
        <source>Open a workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Create a workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <source>Open a server workspace</source>
        <translation>打开服务器工作区</translation>
    </message>
    <message>
        <source>Not a server URL</source>
        <translation>不是服务器 URL</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a postgresql:// URL</source>
        <translation>“%1”不是 postgresql:// URL</translation>
    </message>
    <message>
        <source>%1 closed unexpectedly</source>
        <translation>%1 意外关闭</translation>
    </message>
    <message>
        <source>The last session ended in a crash. Labels cast before it are saved, and a workspace is checked when it is opened.&lt;br&gt;&lt;br&gt;A report was written to &lt;b&gt;%1&lt;/b&gt;. Please attach it, with the log, when you report the problem.</source>
        <translation>上次会话因崩溃而结束。崩溃前的标注均已保存，工作区在打开时会被检查。&lt;br&gt;&lt;br&gt;报告已写入 &lt;b&gt;%1&lt;/b&gt;。报告问题时请附上该报告和日志。</translation>
    </message>
    <message>
        <source>Open the Reports Folder</source>
        <translation>打开报告文件夹</translation>
    </message>
    <message>
        <source>The last session crashed; report: %1</source>
        <translation>上次会话崩溃；报告：%1</translation>
    </message>
    <message>
        <source>Cannot open: %1</source>
        <translation>无法打开：%1</translation>
    </message>
    <message>
        <source>Cannot open the videos</source>
        <translation>无法打开视频</translation>
    </message>
    <message numerus="yes">
        <source>%n video(s) open: Space plays, arrows step, W jumps to the worst moment</source>
        <translation>
            <numerusform>已打开 %n 个视频：空格播放，方向键逐帧，W 跳到最差时刻</numerusform>
        </translation>
    </message>
    <message>
        <source>Open 2-4 videos to compare</source>
        <translation>打开 2–4 个视频进行对比</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mkv *.webm *.mov *.avi *.ogv *.ts *.y4m);;All files (*)</source>
        <translation>视频 (*.mp4 *.mkv *.webm *.mov *.avi *.ogv *.ts *.y4m);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Fine-tuning is running</source>
        <translation>微调正在运行</translation>
    </message>
    <message>
        <source>The judge is still being fine-tuned. Stop it (a checkpoint is written, Resume continues it), or keep it running? Reopening the workspace shows it again.</source>
        <translation>评判器仍在微调中。要停止它（会写入检查点，“继续”可接着训练），还是让它继续运行？重新打开工作区时会再次显示。</translation>
    </message>
    <message>
        <source>Stop It</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Keep It Running</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>%1

Password for %2:</source>
        <translation>%1

%2 的密码：</translation>
    </message>
    <message>
        <source>Password moved</source>
        <translation>密码已移走</translation>
    </message>
    <message>
        <source>The password is now in %1 (readable by you only), where the workbench, svj and every PostgreSQL program find it. The workbench keeps the URL without it.</source>
        <translation>密码现保存在 %1（仅您可读），工作台、svj 和所有 PostgreSQL 程序都会在那里找到它。工作台只保存不含密码的 URL。</translation>
    </message>
    <message>
        <source>PostgreSQL URL (postgresql://user@host[:port]/database; the password is asked for when the server wants one):</source>
        <translation>PostgreSQL URL（postgresql://用户@主机[:端口]/数据库；服务器需要密码时会询问）：</translation>
    </message>
</context>
<context>
    <name>svj::widgets::ScoreJob</name>
    <message>
        <source>cannot start the judge (%1): %2</source>
        <translation>无法启动评判器（%1）：%2</translation>
    </message>
    <message>
        <source>the judge crashed</source>
        <translation>评判器崩溃了</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>退出码 %1</translation>
    </message>
</context>
<context>
    <name>svj::widgets::StatisticsView</name>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>一致性</translation>
    </message>
    <message>
        <source>Ratings of</source>
        <translation>评分对象</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>视频对</translation>
    </message>
    <message>
        <source>Fleiss κ</source>
        <translation>Fleiss κ</translation>
    </message>
    <message>
        <source>Krippendorff α</source>
        <translation>Krippendorff α</translation>
    </message>
    <message>
        <source>Cohen κ per pair</source>
        <translation>每对的 Cohen κ</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>标注者</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注者</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Gold labels</source>
        <translation>金标准标注</translation>
    </message>
    <message>
        <source>Gold accuracy</source>
        <translation>金标准准确率</translation>
    </message>
    <message>
        <source>Left picks (0.5 = no bias)</source>
        <translation>选左比例（0.5 = 无偏）</translation>
    </message>
    <message>
        <source>κ with the judge</source>
        <translation>与评判器的 κ</translation>
    </message>
    <message>
        <source>Gold accuracy and left-pick rate per annotator</source>
        <translation>每位标注者的金标准准确率和选左比例</translation>
    </message>
    <message>
        <source>Generators</source>
        <translation>生成器</translation>
    </message>
    <message>
        <source>Generator</source>
        <translation>生成器</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>强度</translation>
    </message>
    <message>
        <source>95 % interval</source>
        <translation>95 % 区间</translation>
    </message>
    <message>
        <source>Comparisons</source>
        <translation>比较次数</translation>
    </message>
    <message>
        <source>Wins</source>
        <translation>胜</translation>
    </message>
    <message>
        <source>Ties</source>
        <translation>平</translation>
    </message>
    <message>
        <source>Generator leaderboard</source>
        <translation>生成器排行榜</translation>
    </message>
    <message>
        <source>%1 pairs, %2 standing labels%3</source>
        <translation>%1 个视频对，%2 条有效标注%3</translation>
    </message>
    <message>
        <source>; the judge has not scored these videos</source>
        <translation>；评判器尚未为这些视频打分</translation>
    </message>
    <message>
        <source>; the judge as a rater: %1</source>
        <translation>；评判器作为评分者：%1</translation>
    </message>
    <message>
        <source>Cannot compute the statistics: %1</source>
        <translation>无法计算统计：%1</translation>
    </message>
    <message>
        <source>gold accuracy</source>
        <translation>金标准准确率</translation>
    </message>
    <message>
        <source>left-pick rate</source>
        <translation>选左比例</translation>
    </message>
    <message>
        <source>fraction (dashed: 0.5)</source>
        <translation>比例（虚线：0.5）</translation>
    </message>
    <message>
        <source>strength (Bradley–Terry, 95 % interval)</source>
        <translation>强度（Bradley–Terry，95 % 区间）</translation>
    </message>
    <message>
        <source>log-strength</source>
        <translation>对数强度</translation>
    </message>
    <message>
        <source>Effort</source>
        <translation>工作量</translation>
    </message>
    <message>
        <source>Timed</source>
        <translation>有计时</translation>
    </message>
    <message>
        <source>Median s</source>
        <translation>中位数（秒）</translation>
    </message>
    <message>
        <source>p90 s</source>
        <translation>p90（秒）</translation>
    </message>
    <message>
        <source>Items / hour</source>
        <translation>每小时条目</translation>
    </message>
    <message>
        <source>Watched (less-seen video)</source>
        <translation>观看比例（看得较少的视频）</translation>
    </message>
    <message>
        <source>Votes without watching</source>
        <translation>未观看即投票</translation>
    </message>
    <message>
        <source>everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>pair %1 (%2 s)</source>
        <translation>视频对 %1（%2 秒）</translation>
    </message>
    <message>
        <source>A vote without watching: A or B chosen with less than a quarter of either video seen.</source>
        <translation>未观看即投票：任一视频观看不足四分之一就选择了 A 或 B。</translation>
    </message>
    <message>
        <source>Slowest pairs: %1.</source>
        <translation>最慢的视频对：%1。</translation>
    </message>
    <message>
        <source>The judge rates with tie threshold %1 (its accuracy with ties %2 on %3 labels, both-bad as a tie).</source>
        <translation>评判模型以平局阈值 %1 评分（含平局准确率 %2，基于 %3 个标注，“都不好”计为平局）。</translation>
    </message>
</context>
<context>
    <name>svj::widgets::VideoView</name>
    <message>
        <source>   starts at %1 s</source>
        <translation>   从 %1 秒开始</translation>
    </message>
    <message>
        <source>   (undecodable: nearest earlier frame shown)</source>
        <translation>   （无法解码：显示最近的前一帧）</translation>
    </message>
    <message>
        <source>|A − B| × %1    %2  vs  %3</source>
        <translation>|A − B| × %1    %2  对比  %3</translation>
    </message>
    <message>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>   frame %1 / %2   %3 s</source>
        <translation>   第 %1 / %2 帧   %3 秒</translation>
    </message>
</context>
<context>
    <name>svj::widgets::WelcomePage</name>
    <message>
        <source>Compare generated videos side by side, read a learned judge&apos;s per-frame energy under the playback, and collect human preference labels.</source>
        <translation>并排比较生成的视频，在播放下方查看学习型评判器的逐帧能量，并收集人工偏好标注。</translation>
    </message>
    <message numerus="yes">
        <source>Version %1 · judge runtime: %2, %n thread(s)</source>
        <translation>
            <numerusform>版本 %1 · 评判器运行时：%2，%n 个线程</numerusform>
        </translation>
    </message>
</context>
</TS>
