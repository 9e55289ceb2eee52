<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en_US">
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Your company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maria</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>9:30 AM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tue, Mar 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1200 Oak St</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::Composer</name>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why sending is disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert a template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert one of the organization&apos;s templates, filled in for this lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text to the homeowner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a text (Ctrl+Return sends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text back (after hours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opt-out confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Templates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unicode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GSM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 segment, %1 left (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n segments, %1 left (%2)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>callsnare::ui::DesktopSession</name>
    <message>
        <source>The profile %1 could not be created: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase remembered in the keychain did not unlock the profile: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase is remembered in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled with %1; %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrollment failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The screenshot could not be saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::DialogParts</name>
    <message>
        <source>Relay URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::EnrollDialog</name>
    <message>
        <source>Enroll with a relay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relay &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrollment &amp;code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enroll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your CallSnare administrator gives you the relay&apos;s address and a one-time enrollment code for this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the relay&apos;s URL and the enrollment code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled with %1; %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolling with %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::FirstRunDialog</name>
    <message>
        <source>Welcome to CallSnare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CallSnare keeps your leads in an encrypted profile on this computer:
%1
Choose the passphrase that unlocks it. Nobody can recover a forgotten passphrase, not even CallSnare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember the passphrase in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your organization&apos;s relay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your CallSnare administrator gives you the relay&apos;s address and a one-time enrollment code for this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relay &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrollment &amp;code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create profile and &amp;enroll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enroll &amp;later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the profile now and work offline; enroll from the Sync menu later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a long passphrase: a few unrelated words work well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength: %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ. Type the same passphrase in both fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This passphrase is too weak to protect your leads. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile could not be created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encrypted profile is created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the relay&apos;s URL and the enrollment code, or choose &quot;Enroll later&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled with %1; %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try &amp;enrolling again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
The profile is created; check the address and the code and try again, or choose &quot;Enroll later&quot; to work offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolling with %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::InboxFilterBar</name>
    <message>
        <source>Inbox filters</source>
        <translation>Filtros de la bandeja</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevos</translation>
    </message>
    <message>
        <source>Needs reply</source>
        <translation>Por responder</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Agendados</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Oficina</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrados</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Show %1 leads</source>
        <translation>Mostrar clientes potenciales: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::InboxItemDelegate</name>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Atrasado</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::InboxModel</name>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, %n unread</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>, urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished">%1 (%2)</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::InboxView</name>
    <message>
        <source>Inbox</source>
        <translation>Bandeja de entrada</translation>
    </message>
    <message>
        <source>Search names, numbers, texts and notes (Ctrl+F)</source>
        <translation>Buscar nombres, números, mensajes y notas (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search leads</source>
        <translation>Buscar clientes potenciales</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Clientes potenciales</translation>
    </message>
    <message>
        <source>The inbox could not be read: %1</source>
        <translation>No se pudo leer la bandeja de entrada: %1</translation>
    </message>
    <message>
        <source>No leads match “%1”.</source>
        <translation>Ningún cliente potencial coincide con «%1».</translation>
    </message>
    <message>
        <source>No leads yet. Missed calls show up here as soon as they are synced.</source>
        <translation>Aún no hay clientes potenciales. Las llamadas perdidas aparecen aquí en cuanto se sincronizan.</translation>
    </message>
    <message>
        <source>No leads in “%1”.</source>
        <translation>No hay clientes potenciales en «%1».</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::LeadNotifier</name>
    <message>
        <source>%1 replied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new text arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed call from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CallSnare texted them back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No text has gone out yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::LeadText</name>
    <message>
        <source>Missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked</source>
        <translation type="unfinished">Agendados</translation>
    </message>
    <message>
        <source>Office</source>
        <translation type="unfinished">Oficina</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished">Cerrados</translation>
    </message>
    <message>
        <source>Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missed just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>missed %n min ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>missed %n h ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>missed yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>missed %n days ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>missed %n months ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::LeadThreadView</name>
    <message>
        <source>texted STOP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the carrier reports the number as unsubscribed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the office recorded it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported from another system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This homeowner opted out of texts (%1). Sending is disabled until they text START.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a lead to see its thread.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note for the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a note for the team (Enter adds it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand to office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand the lead to the office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The office takes the lead from here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the lead with an outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This lead is not in the inbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lead could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished">%1 (%2)</translation>
    </message>
    <message>
        <source>automation paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automation on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release the lead to the automation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take over the lead from the automation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the automation text this homeowner again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the automation on this lead and answer yourself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The thread could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::MainWindow</name>
    <message>
        <source>CallSnare</source>
        <translation>CallSnare</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Sincronizar</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>Sincronizar &amp;ahora</translation>
    </message>
    <message>
        <source>Send queued changes and fetch new events from the relay now</source>
        <translation>Enviar ahora los cambios en cola y traer los eventos nuevos del relé</translation>
    </message>
    <message>
        <source>&amp;Enroll with a relay…</source>
        <translation>&amp;Inscribirse en un relé…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About CallSnare</source>
        <translation>&amp;Acerca de CallSnare</translation>
    </message>
    <message>
        <source>About CallSnare</source>
        <translation>Acerca de CallSnare</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;CallSnare&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Missed-call recovery for residential HVAC businesses: every missed call gets a text back, and the dispatchers work the lead from here.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barra de herramientas principal</translation>
    </message>
    <message>
        <source>%1 — CallSnare</source>
        <translation>%1 — CallSnare</translation>
    </message>
    <message>
        <source>The relay did not apply a change (%1, HTTP %2): %3</source>
        <translation>El relé no aplicó un cambio (%1, HTTP %2): %3</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business hours, quiet hours, templates and the other organization settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::PassphraseKeychain</name>
    <message>
        <source>the keychain did not answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase could not be kept in the system keychain (%1); you will be asked for it at every start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain did not give the passphrase back: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::PassphraseStrength</name>
    <message numerus="yes">
        <source>Too short: use at least %n characters (a few words work well).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Too repetitive: use more different characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too easy to guess: this is one of the first passphrases anyone tries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too weak: make it longer, or mix words, digits and punctuation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weak: a few more characters or another word would make it much stronger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fair: good enough; longer is stronger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A good choice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>very weak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>strong</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::ProfileLocation</name>
    <message>
        <source>The folder %1 for the profile cannot be created.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::ResponseNudge</name>
    <message>
        <source>Urgent: %1 needs an answer</source>
        <translation>Urgente: %1 espera respuesta</translation>
    </message>
    <message>
        <source>%1 needs an answer</source>
        <translation>%1 espera respuesta</translation>
    </message>
    <message>
        <source>%1: “%2”</source>
        <translation>%1: «%2»</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::ResponseTarget</name>
    <message numerus="yes">
        <source>waiting %n min</source>
        <translation>
            <numerusform>esperando %n min</numerusform>
            <numerusform>esperando %n min</numerusform>
        </translation>
    </message>
    <message>
        <source>waiting %1 h %2 min</source>
        <translation>esperando %1 h %2 min</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::SettingsDialog</name>
    <message>
        <source>Organization settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Business hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Texting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Te&amp;mplates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Response rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue the changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without changing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This profile has no organization &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organization&apos;s settings have not arrived from the relay yet; connect and sync before changing them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your changes are queued. They reach the relay, and the automation follows them, when this desktop is online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business hours, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dedupe window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intake questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::SettingsHoursPage</name>
    <message>
        <source>&amp;Add holiday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;emove holiday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closes (00:00 = midnight)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: opens at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: closes at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>00:00 means open until midnight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holidays (closed all day)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holiday date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add holiday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected holiday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Friday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::SettingsRulesPage</name>
    <message>
        <source>&amp;Add question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the selected question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;emove question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the selected question earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the selected question later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intake questions, in the order they are asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is the service address?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Question</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::SettingsTemplatesPage</name>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placeholders: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview with a sample lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Te&amp;xt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot be sent as written: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::SettingsTextingPage</name>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dedupe window in minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response target in minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder offset in minutes before the visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;emove reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send when quiet hours end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same start and end: no quiet hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours (no automated texts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leads</source>
        <translation type="unfinished">Clientes potenciales</translation>
    </message>
    <message>
        <source>A repeat call from the same number within this time joins the same lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A homeowner&apos;s reply waiting longer than this for an answer is highlighted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dedupe window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response tar&amp;get</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminders before a visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 before</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::SyncStatusIndicator</name>
    <message>
        <source>Sync status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enrolled: working offline (Sync &gt; Enroll with a relay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the relay…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: the relay cannot be reached; retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: the relay cannot be reached (%1); retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last synced %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>callsnare::ui::ThreadModel</name>
    <message>
        <source>Answered call · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed call · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Homeowner · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (carrier error %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note by %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller id withheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status changed to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 took over; automation paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 released the lead; automation resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed to the office: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked urgent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Homeowner answered %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 for %n min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source> with %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>callsnare::ui::UnlockDialog</name>
    <message>
        <source>Unlock CallSnare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the passphrase of your encrypted profile:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember the passphrase in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished">&amp;Salir</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
