<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>svj::widgets::ExportDialog</name>
    <message numerus="yes">
        <source>Wrote %n label(s) to %1.</source>
        <translation>
            <numerusform>Wrote %n label to %1.</numerusform>
            <numerusform>Wrote %n labels to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;br&gt;✓ Round trip: read back as the same %n preference(s).</source>
        <translation>
            <numerusform>&lt;br&gt;✓ Round trip: read back as the same %n preference.</numerusform>
            <numerusform>&lt;br&gt;✓ Round trip: read back as the same %n preferences.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>svj::widgets::FinetunePanel</name>
    <message numerus="yes">
        <source>Scoring %n labelled video(s) with both judges (kept in the workspace)…</source>
        <translation>
            <numerusform>Scoring %n labelled video with both judges (kept in the workspace)…</numerusform>
            <numerusform>Scoring %n labelled videos with both judges (kept in the workspace)…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>svj::widgets::LabellingPanel</name>
    <message numerus="yes">
        <source>%n item(s) left in this queue</source>
        <translation>
            <numerusform>%n item left in this queue</numerusform>
            <numerusform>%n items left in this queue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pair(s) assigned to you</source>
        <translation>
            <numerusform>%n pair assigned to you</numerusform>
            <numerusform>%n pairs assigned to you</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>svj::widgets::MainWindow</name>
    <message numerus="yes">
        <source>%n video(s) open: Space plays, arrows step, W jumps to the worst moment</source>
        <translation>
            <numerusform>%n video open: Space plays, arrows step, W jumps to the worst moment</numerusform>
            <numerusform>%n videos open: Space plays, arrows step, W jumps to the worst moment</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>svj::widgets::WelcomePage</name>
    <message numerus="yes">
        <source>Version %1 · judge runtime: %2, %n thread(s)</source>
        <translation>
            <numerusform>Version %1 · judge runtime: %2, %n thread</numerusform>
            <numerusform>Version %1 · judge runtime: %2, %n threads</numerusform>
        </translation>
    </message>
</context>
</TS>
