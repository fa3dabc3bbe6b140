<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>svj::widgets::AboutDialog</name>
    <message>
        <source>About %1</source>
        <translation>Über %1</translation>
    </message>
    <message>
        <source>A workstation for judging generated video: side-by-side playback, the per-frame energy curve of a learned video judge (GT-SVJ), human preference labels, exports and local fine-tuning.</source>
        <translation>Ein Arbeitsplatz zum Beurteilen generierter Videos: Wiedergabe nebeneinander, die Energiekurve eines gelernten Video-Richters (GT-SVJ) Bild für Bild, menschliche Präferenzlabels, Exporte und lokales Feinabstimmen.</translation>
    </message>
    <message>
        <source>Running with:</source>
        <translation>Läuft mit:</translation>
    </message>
    <message>
        <source>&amp;Copy Versions</source>
        <translation>Versionen &amp;kopieren</translation>
    </message>
</context>
<context>
    <name>svj::widgets::ComparisonView</name>
    <message>
        <source>Video comparison</source>
        <translation>Videovergleich</translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation>Abspielen oder anhalten</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>Wiedergabegeschwindigkeit</translation>
    </message>
    <message>
        <source>Worst moment (W)</source>
        <translation>Schlechtester Moment (W)</translation>
    </message>
    <message>
        <source>Jump to where the judge&apos;s preference between A and B is strongest</source>
        <translation>Zur Stelle springen, an der der Richter A und B am deutlichsten unterscheidet</translation>
    </message>
    <message>
        <source>Next flip (N)</source>
        <translation>Nächster Wechsel (N)</translation>
    </message>
    <message>
        <source>Jump to where ΔE next changes sign: the judge changes its mind</source>
        <translation>Dorthin springen, wo ΔE als Nächstes das Vorzeichen wechselt: der Richter ändert sein Urteil</translation>
    </message>
    <message>
        <source>&amp;Judge:</source>
        <translation>&amp;Richter:</translation>
    </message>
    <message>
        <source>The judge saw:</source>
        <translation>Der Richter sah:</translation>
    </message>
    <message>
        <source>Video whose judge frames are shown</source>
        <translation>Video, dessen Richter-Bilder gezeigt werden</translation>
    </message>
    <message>
        <source>open 1 to 4 videos (got %1)</source>
        <translation>1 bis 4 Videos öffnen (erhalten: %1)</translation>
    </message>
    <message>
        <source>%1: no video frames</source>
        <translation>%1: keine Videobilder</translation>
    </message>
    <message>
        <source>Scoring %1 (%2 of %3) with the judge…</source>
        <translation>Bewerte %1 (%2 von %3) mit dem Richter…</translation>
    </message>
    <message>
        <source>Scoring %1 (%2 of %3): window %4 of %5</source>
        <translation>Bewerte %1 (%2 von %3): Fenster %4 von %5</translation>
    </message>
    <message>
        <source>Scoring %1 failed: %2</source>
        <translation>Bewertung von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Scoring cancelled</source>
        <translation>Bewertung abgebrochen</translation>
    </message>
    <message>
        <source>Scored by %1: press W for the worst moment</source>
        <translation>Bewertet (%1): W springt zum schlechtesten Moment</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Looping %1 s – %2 s</source>
        <translation>Schleife %1 s – %2 s</translation>
    </message>
    <message>
        <source>Loop off</source>
        <translation>Schleife aus</translation>
    </message>
    <message>
        <source>%1 starts at %2 s on the timeline</source>
        <translation>%1 beginnt bei %2 s auf der Zeitachse</translation>
    </message>
    <message>
        <source>Alt+←/→ now move %1 on the timeline</source>
        <translation>Alt+←/→ verschieben jetzt %1 auf der Zeitachse</translation>
    </message>
    <message>
        <source>No judge scores yet: score the videos first</source>
        <translation>Noch keine Bewertungen des Richters: zuerst die Videos bewerten</translation>
    </message>
    <message>
        <source>ΔE does not change sign after this point</source>
        <translation>ΔE wechselt nach dieser Stelle das Vorzeichen nicht mehr</translation>
    </message>
    <message>
        <source>Wipe, flicker and difference compare two videos: open at least two</source>
        <translation>Wischen, Flackern und Differenz vergleichen zwei Videos: mindestens zwei öffnen</translation>
    </message>
    <message>
        <source>Difference gain ×%1</source>
        <translation>Differenzverstärkung ×%1</translation>
    </message>
    <message>
        <source>%1 pixel %2, %3</source>
        <translation>%1 Pixel %2, %3</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 × %3)</source>
        <translation>%1 geschrieben (%2 × %3)</translation>
    </message>
    <message>
        <source>Copied the frame numbers and energies</source>
        <translation>Bildnummern und Energien kopiert</translation>
    </message>
    <message>
        <source>%1 / %2 s</source>
        <translation>%1 / %2 s</translation>
    </message>
    <message>
        <source>%1 frame %2</source>
        <translation>%1 Bild %2</translation>
    </message>
    <message>
        <source>Play / Pause</source>
        <translation>Abspielen / Pause</translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation>Nächstes Bild</translation>
    </message>
    <message>
        <source>Previous frame</source>
        <translation>Vorheriges Bild</translation>
    </message>
    <message>
        <source>10 frames forward</source>
        <translation>10 Bilder vor</translation>
    </message>
    <message>
        <source>10 frames back</source>
        <translation>10 Bilder zurück</translation>
    </message>
    <message>
        <source>To start</source>
        <translation>Zum Anfang</translation>
    </message>
    <message>
        <source>To end</source>
        <translation>Zum Ende</translation>
    </message>
    <message>
        <source>Jump to the worst moment</source>
        <translation>Zum schlechtesten Moment springen</translation>
    </message>
    <message>
        <source>Next sign change of ΔE</source>
        <translation>Nächster Vorzeichenwechsel von ΔE</translation>
    </message>
    <message>
        <source>Side by Side</source>
        <translation>Nebeneinander</translation>
    </message>
    <message>
        <source>Wipe (drag the line)</source>
        <translation>Wischen (Linie ziehen)</translation>
    </message>
    <message>
        <source>Flicker A/B</source>
        <translation>Flackern A/B</translation>
    </message>
    <message>
        <source>Difference |A − B|</source>
        <translation>Differenz |A − B|</translation>
    </message>
    <message>
        <source>Show the Other Video (flicker)</source>
        <translation>Das andere Video zeigen (Flackern)</translation>
    </message>
    <message>
        <source>More Difference Gain</source>
        <translation>Mehr Differenzverstärkung</translation>
    </message>
    <message>
        <source>Less Difference Gain</source>
        <translation>Weniger Differenzverstärkung</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Fit to Pane</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Actual Pixels (1:1)</source>
        <translation>Originalpixel (1:1)</translation>
    </message>
    <message>
        <source>Copy Frame Numbers and Energies</source>
        <translation>Bildnummern und Energien kopieren</translation>
    </message>
    <message>
        <source>Loop from Here</source>
        <translation>Schleife ab hier</translation>
    </message>
    <message>
        <source>Loop up to Here</source>
        <translation>Schleife bis hier</translation>
    </message>
    <message>
        <source>Loop On/Off</source>
        <translation>Schleife ein/aus</translation>
    </message>
    <message>
        <source>Selected Video One Frame Later</source>
        <translation>Gewähltes Video ein Bild später</translation>
    </message>
    <message>
        <source>Selected Video One Frame Earlier</source>
        <translation>Gewähltes Video ein Bild früher</translation>
    </message>
    <message>
        <source>Selected Video Ten Frames Later</source>
        <translation>Gewähltes Video zehn Bilder später</translation>
    </message>
    <message>
        <source>Selected Video Ten Frames Earlier</source>
        <translation>Gewähltes Video zehn Bilder früher</translation>
    </message>
    <message>
        <source>Reset Offsets</source>
        <translation>Versätze zurücksetzen</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>Langsamer</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>Schneller</translation>
    </message>
</context>
<context>
    <name>svj::widgets::EnergyPlot</name>
    <message>
        <source>Judge energy curves</source>
        <translation>Energiekurven des Richters</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>Zeit (s)</translation>
    </message>
    <message>
        <source>energy (↓ better)</source>
        <translation>Energie (↓ besser)</translation>
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
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1: frame %2, E = %3</source>
        <translation>%1: Bild %2, E = %3</translation>
    </message>
    <message>
        <source>%1: frame %2</source>
        <translation>%1: Bild %2</translation>
    </message>
    <message>
        <source>ΔE = %1 (%2 looks better here)</source>
        <translation>ΔE = %1 (%2 sieht hier besser aus)</translation>
    </message>
    <message>
        <source>%1: latent frame %2 of window %3 = frames %4–%5 (the judge saw %6)</source>
        <translation>%1: latentes Bild %2 von Fenster %3 = Bilder %4–%5 (der Richter sah %6)</translation>
    </message>
</context>
<context>
    <name>svj::widgets::ExportDialog</name>
    <message>
        <source>JSON lines: every verdict and aspect (ours)</source>
        <translation>JSON Lines: jedes Urteil und jeder Aspekt (unser Format)</translation>
    </message>
    <message>
        <source>CSV: every verdict and aspect (ours)</source>
        <translation>CSV: jedes Urteil und jeder Aspekt (unser Format)</translation>
    </message>
    <message>
        <source>GenAI-Bench video preference rows</source>
        <translation>GenAI-Bench-Zeilen zur Videopräferenz</translation>
    </message>
    <message>
        <source>VideoGen-RewardBench rows (VQ, MQ, TA, Overall)</source>
        <translation>VideoGen-RewardBench-Zeilen (VQ, MQ, TA, Overall)</translation>
    </message>
    <message>
        <source>MonetBench rows</source>
        <translation>MonetBench-Zeilen</translation>
    </message>
    <message>
        <source>TRL preference set (chosen / rejected)</source>
        <translation>TRL-Präferenzdatensatz (chosen / rejected)</translation>
    </message>
    <message>
        <source>Video folder with metadata.jsonl (Hugging Face datasets)</source>
        <translation>Videoordner mit metadata.jsonl (Hugging-Face-Datasets)</translation>
    </message>
    <message>
        <source>Pick-a-Pic style rows</source>
        <translation>Zeilen im Stil von Pick-a-Pic</translation>
    </message>
    <message>
        <source>Export Labels</source>
        <translation>Labels exportieren</translation>
    </message>
    <message>
        <source>Export format</source>
        <translation>Exportformat</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>Export file</source>
        <translation>Exportdatei</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Write to:</source>
        <translation>&amp;Schreiben nach:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Export into a folder</source>
        <translation>In einen Ordner exportieren</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>Choose where to write first.</source>
        <translation>Zuerst wählen, wohin geschrieben wird.</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n label(s) to %1.</source>
        <translation>
            <numerusform>%n Label nach %1 geschrieben.</numerusform>
            <numerusform>%n Labels nach %1 geschrieben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;br&gt;✓ Round trip: read back as the same %n preference(s).</source>
        <translation>
            <numerusform>&lt;br&gt;✓ Rundreise: als dieselbe %n Präferenz zurückgelesen.</numerusform>
            <numerusform>&lt;br&gt;✓ Rundreise: als dieselben %n Präferenzen zurückgelesen.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;✗ Round trip: %1 written, %2 read back.&lt;/b&gt; %3</source>
        <translation>&lt;br&gt;&lt;b&gt;✗ Rundreise: %1 geschrieben, %2 zurückgelesen.&lt;/b&gt; %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not exported:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Nicht exportiert:&lt;/b&gt; %1</translation>
    </message>
</context>
<context>
    <name>svj::widgets::FinetunePanel</name>
    <message>
        <source>Pair %1 — %2 chose %3; old judge %4, new judge %5</source>
        <translation>Paar %1 — %2 wählte %3; alter Richter %4, neuer Richter %5</translation>
    </message>
    <message>
        <source>Fine-tuning</source>
        <translation>Feinabstimmung</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> Epochen</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>&amp;Fine-Tune on These Labels</source>
        <translation>Auf diesen Labels &amp;feinabstimmen</translation>
    </message>
    <message>
        <source>Trains the judge in use on the workspace&apos;s labels, in a process of its own</source>
        <translation>Trainiert den verwendeten Richter auf den Labels des Arbeitsbereichs, in einem eigenen Prozess</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>An&amp;halten</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Fine-tuning progress</source>
        <translation>Fortschritt der Feinabstimmung</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nicht gestartet</translation>
    </message>
    <message>
        <source>Training loss and held-out accuracy</source>
        <translation>Trainingsverlust und Genauigkeit auf zurückgehaltenen Daten</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>held-out accuracy</source>
        <translation>Genauigkeit (zurückgehalten)</translation>
    </message>
    <message>
        <source>training loss, epoch mean</source>
        <translation>Trainingsverlust, Mittel der Epoche</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>Checkpoints</translation>
    </message>
    <message>
        <source>&amp;Use</source>
        <translation>&amp;Verwenden</translation>
    </message>
    <message>
        <source>Draw the curves with this judge</source>
        <translation>Die Kurven mit diesem Richter zeichnen</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Di&amp;ff with Its Parent</source>
        <translation>Mit dem Vorgänger &amp;vergleichen</translation>
    </message>
    <message>
        <source>Checkpoint diff (double-click a pair to see it)</source>
        <translation>Checkpoint-Vergleich (Doppelklick zeigt ein Paar)</translation>
    </message>
    <message>
        <source>Fine-tune, or pick a checkpoint and Diff.</source>
        <translation>Feinabstimmen, oder einen Checkpoint wählen und vergleichen.</translation>
    </message>
    <message>
        <source>Pairs the new judge gets right and the old got wrong</source>
        <translation>Paare, die der neue Richter richtig und der alte falsch beurteilt</translation>
    </message>
    <message>
        <source>Pairs the old judge got right and the new gets wrong</source>
        <translation>Paare, die der alte Richter richtig und der neue falsch beurteilt</translation>
    </message>
    <message>
        <source>Now right (were wrong):</source>
        <translation>Jetzt richtig (vorher falsch):</translation>
    </message>
    <message>
        <source>Now wrong (were right):</source>
        <translation>Jetzt falsch (vorher richtig):</translation>
    </message>
    <message>
        <source>Rename checkpoint</source>
        <translation>Checkpoint umbenennen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>Delete checkpoint</source>
        <translation>Checkpoint löschen</translation>
    </message>
    <message>
        <source>Delete %1 and its files?</source>
        <translation>%1 und seine Dateien löschen?</translation>
    </message>
    <message>
        <source>Pair %1 with the new judge&apos;s curves (Label → Back to the Queue returns)</source>
        <translation>Paar %1 mit den Kurven des neuen Richters (Label → Zurück zur Warteschlange kehrt zurück)</translation>
    </message>
    <message>
        <source>Scoring for the diff failed: %1</source>
        <translation>Bewertung für den Vergleich fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1   (%2)</source>
        <translation>%1   (%2)</translation>
    </message>
    <message>
        <source>Shipped judge</source>
        <translation>Mitgelieferter Richter</translation>
    </message>
    <message>
        <source>A fine-tune is running already</source>
        <translation>Eine Feinabstimmung läuft bereits</translation>
    </message>
    <message>
        <source>Fine-tune log: %1</source>
        <translation>Protokoll der Feinabstimmung: %1</translation>
    </message>
    <message>
        <source>Nothing to resume</source>
        <translation>Nichts fortzusetzen</translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>%1 kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>Starting: loading the judge and the labelled videos…</source>
        <translation>Start: Richter und gelabelte Videos werden geladen…</translation>
    </message>
    <message>
        <source>Fine-tuning %1 on the workspace&apos;s labels</source>
        <translation>%1 wird auf den Labels des Arbeitsbereichs feinabgestimmt</translation>
    </message>
    <message>
        <source>Stopping after this step (a checkpoint is written; Resume continues)…</source>
        <translation>Hält nach diesem Schritt an (ein Checkpoint wird geschrieben; Fortsetzen macht weiter)…</translation>
    </message>
    <message>
        <source> — finished: %1</source>
        <translation> — fertig: %1</translation>
    </message>
    <message>
        <source>Fine-tuned judge written to %1; comparing it with its parent…</source>
        <translation>Feinabgestimmter Richter nach %1 geschrieben; Vergleich mit dem Vorgänger…</translation>
    </message>
    <message>
        <source>Stopped before the end%1</source>
        <translation>Vor dem Ende angehalten%1</translation>
    </message>
    <message>
        <source>Preparing (%1): %2 of %3</source>
        <translation>Vorbereitung (%1): %2 von %3</translation>
    </message>
    <message>
        <source>Step %1 of %2 · epoch %3 of %4 · loss %5 · ETA %6</source>
        <translation>Schritt %1 von %2 · Epoche %3 von %4 · Verlust %5 · Restzeit %6</translation>
    </message>
    <message>
        <source>%1 labelled pairs: %2 to train on, %3 held out</source>
        <translation>%1 gelabelte Paare: %2 zum Trainieren, %3 zurückgehalten</translation>
    </message>
    <message>
        <source>Reattached to the fine-tune writing %1</source>
        <translation>Wieder verbunden mit der Feinabstimmung, die %1 schreibt</translation>
    </message>
    <message>
        <source>Curves now drawn by %1</source>
        <translation>Kurven jetzt gezeichnet von: %1</translation>
    </message>
    <message>
        <source>Cannot rename to %1: it exists, or the checkpoint is being written</source>
        <translation>Umbenennen in %1 nicht möglich: existiert bereits, oder der Checkpoint wird gerade geschrieben</translation>
    </message>
    <message>
        <source>Cannot rename %1</source>
        <translation>%1 kann nicht umbenannt werden</translation>
    </message>
    <message>
        <source>Stop the run first: it is writing %1</source>
        <translation>Zuerst den Lauf anhalten: er schreibt %1</translation>
    </message>
    <message>
        <source>No decisive labels (A or B) to compare the judges on yet.</source>
        <translation>Noch keine eindeutigen Labels (A oder B), an denen sich die Richter vergleichen lassen.</translation>
    </message>
    <message numerus="yes">
        <source>Scoring %n labelled video(s) with both judges (kept in the workspace)…</source>
        <translation>
            <numerusform>Bewerte %n gelabeltes Video mit beiden Richtern (im Arbeitsbereich gespeichert)…</numerusform>
            <numerusform>Bewerte %n gelabelte Videos mit beiden Richtern (im Arbeitsbereich gespeichert)…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 → %2: %3 now right, %4 now wrong; %5 right by both, %6 wrong by both, %7 unscored</source>
        <translation>%1 → %2: %3 jetzt richtig, %4 jetzt falsch; %5 von beiden richtig, %6 von beiden falsch, %7 unbewertet</translation>
    </message>
</context>
<context>
    <name>svj::widgets::ImportDialog</name>
    <message>
        <source>Import into the Workspace</source>
        <translation>In den Arbeitsbereich importieren</translation>
    </message>
    <message>
        <source>A folder of videos (MODEL/PROMPT.mp4)</source>
        <translation>Ein Ordner mit Videos (MODELL/PROMPT.mp4)</translation>
    </message>
    <message>
        <source>A video manifest (CSV or JSONL: path, model, prompt)</source>
        <translation>Ein Videomanifest (CSV oder JSONL: Pfad, Modell, Prompt)</translation>
    </message>
    <message>
        <source>A preference file (labelled pairs)</source>
        <translation>Eine Präferenzdatei (gelabelte Paare)</translation>
    </message>
    <message>
        <source>What to import</source>
        <translation>Was importiert wird</translation>
    </message>
    <message>
        <source>&amp;Import:</source>
        <translation>&amp;Importieren:</translation>
    </message>
    <message>
        <source>Folder or file to import</source>
        <translation>Zu importierender Ordner oder Datei</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Aus:</translation>
    </message>
    <message>
        <source>Preference file format</source>
        <translation>Format der Präferenzdatei</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <source>Pair the new videos (same prompt, different models)</source>
        <translation>Die neuen Videos paaren (gleicher Prompt, verschiedene Modelle)</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Importfortschritt</translation>
    </message>
    <message>
        <source>An import is all or nothing: a failed or cancelled one changes nothing.</source>
        <translation>Ein Import gilt ganz oder gar nicht: ein fehlgeschlagener oder abgebrochener ändert nichts.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>A folder of videos</source>
        <translation>Ein Ordner mit Videos</translation>
    </message>
    <message>
        <source>A file to import</source>
        <translation>Eine zu importierende Datei</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>Abgebrochen: nichts wurde importiert.</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v von %m</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not imported&lt;/b&gt; (the workspace is unchanged): %1</source>
        <translation>&lt;b&gt;Nicht importiert&lt;/b&gt; (der Arbeitsbereich ist unverändert): %1</translation>
    </message>
    <message>
        <source>Choose a folder or file first.</source>
        <translation>Zuerst einen Ordner oder eine Datei wählen.</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importiere %1…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Imported.&lt;/b&gt;&lt;br&gt;%1</source>
        <translation>&lt;b&gt;Importiert.&lt;/b&gt;&lt;br&gt;%1</translation>
    </message>
</context>
<context>
    <name>svj::widgets::JudgeChoice</name>
    <message>
        <source>Judge checkpoint</source>
        <translation>Richter-Checkpoint</translation>
    </message>
    <message>
        <source>The judge whose energy curves are drawn; scores are kept per video and checkpoint</source>
        <translation>Der Richter, dessen Energiekurven gezeichnet werden; Bewertungen werden je Video und Checkpoint aufbewahrt</translation>
    </message>
    <message>
        <source>Shipped judge</source>
        <translation>Mitgelieferter Richter</translation>
    </message>
    <message>
        <source>The default judge that comes with SVJ Workbench</source>
        <translation>Der Standardrichter, der mit SVJ Workbench kommt</translation>
    </message>
    <message>
        <source>Other Checkpoint…</source>
        <translation>Anderer Checkpoint…</translation>
    </message>
    <message>
        <source>Choose a judge checkpoint</source>
        <translation>Einen Richter-Checkpoint wählen</translation>
    </message>
    <message>
        <source>Judge checkpoints (*.safetensors);;All files (*)</source>
        <translation>Richter-Checkpoints (*.safetensors);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>svj::widgets::JudgeStrip</name>
    <message>
        <source>Frames the judge saw</source>
        <translation>Bilder, die der Richter sah</translation>
    </message>
    <message>
        <source>The frames the judge saw, window by window; shades group the frames of one latent frame</source>
        <translation>Die Bilder, die der Richter sah, Fenster für Fenster; Schattierungen fassen die Bilder eines latenten Bildes zusammen</translation>
    </message>
    <message>
        <source>window %1</source>
        <translation>Fenster %1</translation>
    </message>
    <message>
        <source>source frame %1 (window %2, latent frame %3): click to go there</source>
        <translation>Quellbild %1 (Fenster %2, latentes Bild %3): Klick springt dorthin</translation>
    </message>
    <message>
        <source>frame %1</source>
        <translation>Bild %1</translation>
    </message>
</context>
<context>
    <name>svj::widgets::LabellingPanel</name>
    <message>
        <source>Left better</source>
        <translation>Links besser</translation>
    </message>
    <message>
        <source>Right better</source>
        <translation>Rechts besser</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>Unentschieden</translation>
    </message>
    <message>
        <source>Both bad</source>
        <translation>Beide schlecht</translation>
    </message>
    <message>
        <source>Labelling</source>
        <translation>Labeln</translation>
    </message>
    <message>
        <source>&amp;Queue:</source>
        <translation>&amp;Warteschlange:</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>My assignments</source>
        <translation>Meine Zuweisungen</translation>
    </message>
    <message>
        <source>Gold checks</source>
        <translation>Goldprüfungen</translation>
    </message>
    <message>
        <source>Judge disagreements</source>
        <translation>Uneinigkeit mit dem Richter</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Markiert</translation>
    </message>
    <message>
        <source>Contested pairs (a lead&apos;s final verdict)</source>
        <translation>Umstrittene Paare (endgültiges Urteil einer Leitung)</translation>
    </message>
    <message>
        <source>Labelling progress</source>
        <translation>Fortschritt beim Labeln</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v von %m</translation>
    </message>
    <message>
        <source>Assign Me the Remaining Pairs</source>
        <translation>Mir die übrigen Paare zuweisen</translation>
    </message>
    <message>
        <source>Every pair you have no assignment for yet, in a random order with random sides</source>
        <translation>Jedes Paar, für das Sie noch keine Zuweisung haben, in zufälliger Reihenfolge mit zufälligen Seiten</translation>
    </message>
    <message>
        <source>Verdict (stores and moves on)</source>
        <translation>Urteil (speichert und geht weiter)</translation>
    </message>
    <message>
        <source>Aspects (Alt+↑/↓ choose, Alt+1…4 set)</source>
        <translation>Aspekte (Alt+↑/↓ wählen, Alt+1…4 setzen)</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Rechts</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Evidence (E: on the left at the playhead, Shift+E: on the right)</source>
        <translation>Belege (E: links an der Abspielposition, Umschalt+E: rechts)</translation>
    </message>
    <message>
        <source>Evidence marks</source>
        <translation>Belegmarken</translation>
    </message>
    <message>
        <source>Note for the evidence mark</source>
        <translation>Notiz zur Belegmarke</translation>
    </message>
    <message>
        <source>What is wrong here? Enter keeps it, Esc leaves the mark without a note</source>
        <translation>Was ist hier falsch? Eingabe behält sie, Esc lässt die Marke ohne Notiz</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>&amp;Kommentar:</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>C to write, Enter to go back to the videos</source>
        <translation>C zum Schreiben, Eingabe zurück zu den Videos</translation>
    </message>
    <message>
        <source>Must watch both videos to the end before voting</source>
        <translation>Beide Videos vor dem Abstimmen bis zum Ende ansehen</translation>
    </message>
    <message>
        <source>Show the judge&apos;s curves while voting</source>
        <translation>Die Kurven des Richters beim Abstimmen zeigen</translation>
    </message>
    <message>
        <source>Aspect: %1</source>
        <translation>Aspekt: %1</translation>
    </message>
    <message>
        <source>Previous Aspect</source>
        <translation>Vorheriger Aspekt</translation>
    </message>
    <message>
        <source>Next Aspect</source>
        <translation>Nächster Aspekt</translation>
    </message>
    <message>
        <source>Evidence on the Left Here</source>
        <translation>Beleg links hier</translation>
    </message>
    <message>
        <source>Evidence on the Right Here</source>
        <translation>Beleg rechts hier</translation>
    </message>
    <message>
        <source>Write a Comment</source>
        <translation>Kommentar schreiben</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Flag for Review</source>
        <translation>Zur Prüfung markieren</translation>
    </message>
    <message>
        <source>Back to the Queue</source>
        <translation>Zurück zur Warteschlange</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing left in your queue.&lt;/b&gt; Assign yourself pairs, or pick another queue.</source>
        <translation>&lt;b&gt;Ihre Warteschlange ist leer.&lt;/b&gt; Weisen Sie sich Paare zu oder wählen Sie eine andere Warteschlange.</translation>
    </message>
    <message>
        <source>&lt;b&gt;This queue is empty.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Diese Warteschlange ist leer.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Pair %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Paar %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;Prompt: %1</source>
        <translation>&lt;br&gt;Prompt: %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#d55e00&apos;&gt;Cannot show this pair: %1 (S skips it)&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#d55e00&apos;&gt;Dieses Paar kann nicht gezeigt werden: %1 (S überspringt es)&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Cannot show pair %1: %2</source>
        <translation>Paar %1 kann nicht gezeigt werden: %2</translation>
    </message>
    <message>
        <source>%1 as %2: %3 of %4 labelled, %5 skipped, %6 flagged · %7 an hour</source>
        <translation>%1 als %2: %3 von %4 gelabelt, %5 übersprungen, %6 markiert · %7 pro Stunde</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) left in this queue</source>
        <translation>
            <numerusform>%n Eintrag in dieser Warteschlange übrig</numerusform>
            <numerusform>%n Einträge in dieser Warteschlange übrig</numerusform>
        </translation>
    </message>
    <message>
        <source>Watched: left %1 %, right %2 %</source>
        <translation>Angesehen: links %1 %, rechts %2 %</translation>
    </message>
    <message>
        <source> · ready to vote</source>
        <translation> · bereit zum Abstimmen</translation>
    </message>
    <message>
        <source> · play both to the end to vote (Space)</source>
        <translation> · zum Abstimmen beide bis zum Ende abspielen (Leertaste)</translation>
    </message>
    <message>
        <source>Nothing to vote on</source>
        <translation>Nichts zum Abstimmen</translation>
    </message>
    <message>
        <source>The players show another pair now: Ctrl+Return brings back pair %1 to vote on</source>
        <translation>Die Player zeigen gerade ein anderes Paar: Strg+Eingabe holt Paar %1 zum Abstimmen zurück</translation>
    </message>
    <message>
        <source>Not counted yet: watch both videos to the end first (left %1 %, right %2 %; Space plays)</source>
        <translation>Noch nicht gezählt: zuerst beide Videos bis zum Ende ansehen (links %1 %, rechts %2 %; Leertaste spielt ab)</translation>
    </message>
    <message>
        <source>The vote was not stored: %1</source>
        <translation>Die Stimme wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Stored &quot;%1&quot; for pair %2 (Ctrl+Z takes it back)</source>
        <translation>„%1“ für Paar %2 gespeichert (Strg+Z nimmt es zurück)</translation>
    </message>
    <message>
        <source>%1 s · %2 · frame %3%4</source>
        <translation>%1 s · %2 · Bild %3%4</translation>
    </message>
    <message>
        <source>left</source>
        <translation>links</translation>
    </message>
    <message>
        <source>right</source>
        <translation>rechts</translation>
    </message>
    <message>
        <source>Artifact marked on the left video at %1 s</source>
        <translation>Artefakt im linken Video bei %1 s markiert</translation>
    </message>
    <message>
        <source>Artifact marked on the right video at %1 s</source>
        <translation>Artefakt im rechten Video bei %1 s markiert</translation>
    </message>
    <message>
        <source>Skipped (Ctrl+Z brings it back)</source>
        <translation>Übersprungen (Strg+Z holt es zurück)</translation>
    </message>
    <message>
        <source>Flagged for a lead&apos;s review (Ctrl+Z takes it back)</source>
        <translation>Zur Prüfung durch eine Leitung markiert (Strg+Z nimmt es zurück)</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Nichts rückgängig zu machen</translation>
    </message>
    <message>
        <source>Nothing to redo</source>
        <translation>Nichts zu wiederholen</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>Rückgängig: %1</translation>
    </message>
    <message>
        <source>Redone: %1</source>
        <translation>Wiederholt: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n pair(s) assigned to you</source>
        <translation>
            <numerusform>%n Paar Ihnen zugewiesen</numerusform>
            <numerusform>%n Paare Ihnen zugewiesen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>svj::widgets::MainWindow</name>
    <message>
        <source>SVJ workspaces (*.svjw);;SQLite files (*.sqlite *.db);;All files (*)</source>
        <translation>SVJ-Arbeitsbereiche (*.svjw);;SQLite-Dateien (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Scoring progress</source>
        <translation>Fortschritt der Bewertung</translation>
    </message>
    <message>
        <source>judge %p%</source>
        <translation>Richter %p%</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Videos…</source>
        <translation>Videos ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>&amp;Neuer Arbeitsbereich…</translation>
    </message>
    <message>
        <source>Open &amp;Workspace…</source>
        <translation>&amp;Arbeitsbereich öffnen…</translation>
    </message>
    <message>
        <source>Open Server Wo&amp;rkspace…</source>
        <translation>Ser&amp;ver-Arbeitsbereich öffnen…</translation>
    </message>
    <message>
        <source>Recent Wor&amp;kspaces</source>
        <translation>&amp;Zuletzt geöffnete Arbeitsbereiche</translation>
    </message>
    <message>
        <source>&amp;Score with the Judge</source>
        <translation>Mit dem Richter &amp;bewerten</translation>
    </message>
    <message>
        <source>Score with Another &amp;Checkpoint…</source>
        <translation>Mit anderem &amp;Checkpoint bewerten…</translation>
    </message>
    <message>
        <source>Choose a judge checkpoint</source>
        <translation>Einen Richter-Checkpoint wählen</translation>
    </message>
    <message>
        <source>Judge checkpoints (*.safetensors);;All files (*)</source>
        <translation>Richter-Checkpoints (*.safetensors);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Score with the S&amp;hipped Judge</source>
        <translation>Mit dem &amp;mitgelieferten Richter bewerten</translation>
    </message>
    <message>
        <source>&amp;Cancel Scoring</source>
        <translation>Bewertung a&amp;bbrechen</translation>
    </message>
    <message>
        <source>&amp;Export Frame as PNG…</source>
        <translation>Bild als PNG e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export the frames on screen</source>
        <translation>Die angezeigten Bilder exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>&amp;Status Bar</source>
        <translation>&amp;Statusleiste</translation>
    </message>
    <message>
        <source>S&amp;tatistics of the Workspace</source>
        <translation>S&amp;tatistik des Arbeitsbereichs</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>&amp;Wiedergabe</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>&amp;Labeln</translation>
    </message>
    <message>
        <source>Open a workspace to label (Ctrl+Shift+O)</source>
        <translation>Einen Arbeitsbereich zum Labeln öffnen (Strg+Umschalt+O)</translation>
    </message>
    <message>
        <source>&amp;Annotator Name…</source>
        <translation>&amp;Name des Annotators…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation>&amp;Über %1</translation>
    </message>
    <message>
        <source>Show &amp;Log</source>
        <translation>&amp;Protokoll anzeigen</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>No log file is written in this session.</source>
        <translation>In dieser Sitzung wird keine Protokolldatei geschrieben.</translation>
    </message>
    <message>
        <source>The log is %1 (attach it to a report).</source>
        <translation>Das Protokoll ist %1 (einem Fehlerbericht beifügen).</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The interface speaks the new language from the next start.</source>
        <translation>Die Oberfläche spricht die neue Sprache ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>&amp;Restart Now</source>
        <translation>Jetzt &amp;neu starten</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>&amp;Später</translation>
    </message>
    <message>
        <source>System Language (%1)</source>
        <translation>Systemsprache (%1)</translation>
    </message>
    <message>
        <source>Judge scores will not be kept: %1</source>
        <translation>Bewertungen des Richters werden nicht aufbewahrt: %1</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>Annotator</translation>
    </message>
    <message>
        <source>Your name on the labels you give:</source>
        <translation>Ihr Name auf den Labels, die Sie vergeben:</translation>
    </message>
    <message>
        <source>Cannot open the workspace: %1</source>
        <translation>Der Arbeitsbereich kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Cannot open the workspace</source>
        <translation>Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot label in this workspace: %1</source>
        <translation>In diesem Arbeitsbereich kann nicht gelabelt werden: %1</translation>
    </message>
    <message>
        <source>Labelling</source>
        <translation>Labeln</translation>
    </message>
    <message>
        <source>Fine-Tune</source>
        <translation>Feinabstimmung</translation>
    </message>
    <message>
        <source>&amp;Import Videos or Labels…</source>
        <translation>Videos oder Labels &amp;importieren…</translation>
    </message>
    <message>
        <source>E&amp;xport Labels…</source>
        <translation>Labels e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Show the &amp;Labelling Panel</source>
        <translation>&amp;Labeln-Bereich zeigen</translation>
    </message>
    <message>
        <source>Show the &amp;Fine-Tune Panel</source>
        <translation>&amp;Feinabstimmungs-Bereich zeigen</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Labelling as %1: 1 / 2 left or right better, 3 tie, 4 both bad; S skips</source>
        <translation>Labeln als %1: 1 / 2 links oder rechts besser, 3 unentschieden, 4 beide schlecht; S überspringt</translation>
    </message>
    <message>
        <source>Open a workspace to see its statistics</source>
        <translation>Einen Arbeitsbereich öffnen, um seine Statistik zu sehen</translation>
    </message>
    <message>
        <source>Open a workspace</source>
        <translation>Einen Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Create a workspace</source>
        <translation>Einen Arbeitsbereich anlegen</translation>
    </message>
    <message>
        <source>Open a server workspace</source>
        <translation>Einen Server-Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Not a server URL</source>
        <translation>Keine Server-URL</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a postgresql:// URL</source>
        <translation>„%1“ ist keine postgresql://-URL</translation>
    </message>
    <message>
        <source>%1 closed unexpectedly</source>
        <translation>%1 wurde unerwartet beendet</translation>
    </message>
    <message>
        <source>The last session ended in a crash. Labels cast before it are saved, and a workspace is checked when it is opened.&lt;br&gt;&lt;br&gt;A report was written to &lt;b&gt;%1&lt;/b&gt;. Please attach it, with the log, when you report the problem.</source>
        <translation>Die letzte Sitzung endete mit einem Absturz. Vorher vergebene Labels sind gespeichert, und ein Arbeitsbereich wird beim Öffnen geprüft.&lt;br&gt;&lt;br&gt;Ein Bericht wurde nach &lt;b&gt;%1&lt;/b&gt; geschrieben. Bitte fügen Sie ihn zusammen mit dem Protokoll bei, wenn Sie das Problem melden.</translation>
    </message>
    <message>
        <source>Open the Reports Folder</source>
        <translation>Ordner mit den Berichten öffnen</translation>
    </message>
    <message>
        <source>The last session crashed; report: %1</source>
        <translation>Die letzte Sitzung ist abgestürzt; Bericht: %1</translation>
    </message>
    <message>
        <source>Cannot open: %1</source>
        <translation>Öffnen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Cannot open the videos</source>
        <translation>Die Videos können nicht geöffnet werden</translation>
    </message>
    <message numerus="yes">
        <source>%n video(s) open: Space plays, arrows step, W jumps to the worst moment</source>
        <translation>
            <numerusform>%n Video offen: Leertaste spielt ab, Pfeile gehen bildweise, W springt zum schlechtesten Moment</numerusform>
            <numerusform>%n Videos offen: Leertaste spielt ab, Pfeile gehen bildweise, W springt zum schlechtesten Moment</numerusform>
        </translation>
    </message>
    <message>
        <source>Open 2-4 videos to compare</source>
        <translation>2–4 Videos zum Vergleichen öffnen</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mkv *.webm *.mov *.avi *.ogv *.ts *.y4m);;All files (*)</source>
        <translation>Videos (*.mp4 *.mkv *.webm *.mov *.avi *.ogv *.ts *.y4m);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Fine-tuning is running</source>
        <translation>Die Feinabstimmung läuft</translation>
    </message>
    <message>
        <source>The judge is still being fine-tuned. Stop it (a checkpoint is written, Resume continues it), or keep it running? Reopening the workspace shows it again.</source>
        <translation>Der Richter wird noch feinabgestimmt. Anhalten (ein Checkpoint wird geschrieben, Fortsetzen macht weiter) oder weiterlaufen lassen? Beim erneuten Öffnen des Arbeitsbereichs ist sie wieder zu sehen.</translation>
    </message>
    <message>
        <source>Stop It</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Keep It Running</source>
        <translation>Weiterlaufen lassen</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>%1

Password for %2:</source>
        <translation>%1

Passwort für %2:</translation>
    </message>
    <message>
        <source>Password moved</source>
        <translation>Passwort verschoben</translation>
    </message>
    <message>
        <source>The password is now in %1 (readable by you only), where the workbench, svj and every PostgreSQL program find it. The workbench keeps the URL without it.</source>
        <translation>Das Passwort steht jetzt in %1 (nur für Sie lesbar), wo die Workbench, svj und jedes PostgreSQL-Programm es finden. Die Workbench speichert die URL ohne Passwort.</translation>
    </message>
    <message>
        <source>PostgreSQL URL (postgresql://user@host[:port]/database; the password is asked for when the server wants one):</source>
        <translation>PostgreSQL-URL (postgresql://benutzer@host[:port]/datenbank; das Passwort wird abgefragt, wenn der Server eines verlangt):</translation>
    </message>
</context>
<context>
    <name>svj::widgets::ScoreJob</name>
    <message>
        <source>cannot start the judge (%1): %2</source>
        <translation>der Richter kann nicht gestartet werden (%1): %2</translation>
    </message>
    <message>
        <source>the judge crashed</source>
        <translation>der Richter ist abgestürzt</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>Exit-Code %1</translation>
    </message>
</context>
<context>
    <name>svj::widgets::StatisticsView</name>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Übereinstimmung</translation>
    </message>
    <message>
        <source>Ratings of</source>
        <translation>Bewertungen von</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>Paare</translation>
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
        <translation>Cohen κ je Paar</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>Annotatoren</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>Annotator</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Gold labels</source>
        <translation>Gold-Labels</translation>
    </message>
    <message>
        <source>Gold accuracy</source>
        <translation>Gold-Genauigkeit</translation>
    </message>
    <message>
        <source>Left picks (0.5 = no bias)</source>
        <translation>Links-Wahl (0,5 = ohne Neigung)</translation>
    </message>
    <message>
        <source>κ with the judge</source>
        <translation>κ mit dem Richter</translation>
    </message>
    <message>
        <source>Gold accuracy and left-pick rate per annotator</source>
        <translation>Gold-Genauigkeit und Links-Wahl-Rate je Annotator</translation>
    </message>
    <message>
        <source>Generators</source>
        <translation>Generatoren</translation>
    </message>
    <message>
        <source>Generator</source>
        <translation>Generator</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Stärke</translation>
    </message>
    <message>
        <source>95 % interval</source>
        <translation>95-%-Intervall</translation>
    </message>
    <message>
        <source>Comparisons</source>
        <translation>Vergleiche</translation>
    </message>
    <message>
        <source>Wins</source>
        <translation>Siege</translation>
    </message>
    <message>
        <source>Ties</source>
        <translation>Unentschieden</translation>
    </message>
    <message>
        <source>Generator leaderboard</source>
        <translation>Rangliste der Generatoren</translation>
    </message>
    <message>
        <source>%1 pairs, %2 standing labels%3</source>
        <translation>%1 Paare, %2 geltende Labels%3</translation>
    </message>
    <message>
        <source>; the judge has not scored these videos</source>
        <translation>; der Richter hat diese Videos nicht bewertet</translation>
    </message>
    <message>
        <source>; the judge as a rater: %1</source>
        <translation>; der Richter als Bewerter: %1</translation>
    </message>
    <message>
        <source>Cannot compute the statistics: %1</source>
        <translation>Die Statistik kann nicht berechnet werden: %1</translation>
    </message>
    <message>
        <source>gold accuracy</source>
        <translation>Gold-Genauigkeit</translation>
    </message>
    <message>
        <source>left-pick rate</source>
        <translation>Links-Wahl-Rate</translation>
    </message>
    <message>
        <source>fraction (dashed: 0.5)</source>
        <translation>Anteil (gestrichelt: 0,5)</translation>
    </message>
    <message>
        <source>strength (Bradley–Terry, 95 % interval)</source>
        <translation>Stärke (Bradley–Terry, 95-%-Intervall)</translation>
    </message>
    <message>
        <source>log-strength</source>
        <translation>Log-Stärke</translation>
    </message>
    <message>
        <source>Effort</source>
        <translation>Aufwand</translation>
    </message>
    <message>
        <source>Timed</source>
        <translation>Mit Zeit</translation>
    </message>
    <message>
        <source>Median s</source>
        <translation>Median s</translation>
    </message>
    <message>
        <source>p90 s</source>
        <translation>p90 s</translation>
    </message>
    <message>
        <source>Items / hour</source>
        <translation>Paare / Stunde</translation>
    </message>
    <message>
        <source>Watched (less-seen video)</source>
        <translation>Angesehen (weniger gesehenes Video)</translation>
    </message>
    <message>
        <source>Votes without watching</source>
        <translation>Stimmen ohne Ansehen</translation>
    </message>
    <message>
        <source>everyone</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>pair %1 (%2 s)</source>
        <translation>Paar %1 (%2 s)</translation>
    </message>
    <message>
        <source>A vote without watching: A or B chosen with less than a quarter of either video seen.</source>
        <translation>Eine Stimme ohne Ansehen: A oder B gewählt, obwohl von einem der Videos weniger als ein Viertel gesehen wurde.</translation>
    </message>
    <message>
        <source>Slowest pairs: %1.</source>
        <translation>Langsamste Paare: %1.</translation>
    </message>
    <message>
        <source>The judge rates with tie threshold %1 (its accuracy with ties %2 on %3 labels, both-bad as a tie).</source>
        <translation>Der Richter bewertet mit der Gleichstandsschwelle %1 (seine Genauigkeit mit Gleichständen %2 auf %3 Labels, „beide schlecht“ als Gleichstand).</translation>
    </message>
</context>
<context>
    <name>svj::widgets::VideoView</name>
    <message>
        <source>   starts at %1 s</source>
        <translation>   beginnt bei %1 s</translation>
    </message>
    <message>
        <source>   (undecodable: nearest earlier frame shown)</source>
        <translation>   (nicht dekodierbar: nächstes früheres Bild gezeigt)</translation>
    </message>
    <message>
        <source>|A − B| × %1    %2  vs  %3</source>
        <translation>|A − B| × %1    %2  gegen  %3</translation>
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
        <translation>   Bild %1 / %2   %3 s</translation>
    </message>
</context>
<context>
    <name>svj::widgets::WelcomePage</name>
    <message>
        <source>Compare generated videos side by side, read a learned judge&apos;s per-frame energy under the playback, and collect human preference labels.</source>
        <translation>Generierte Videos nebeneinander vergleichen, die Energie eines gelernten Richters Bild für Bild unter der Wiedergabe lesen und menschliche Präferenzlabels sammeln.</translation>
    </message>
    <message numerus="yes">
        <source>Version %1 · judge runtime: %2, %n thread(s)</source>
        <translation>
            <numerusform>Version %1 · Richter-Laufzeit: %2, %n Thread</numerusform>
            <numerusform>Version %1 · Richter-Laufzeit: %2, %n Threads</numerusform>
        </translation>
    </message>
</context>
</TS>
