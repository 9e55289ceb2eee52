<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en_US">
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Your company</source>
        <translation>Su empresa</translation>
    </message>
    <message>
        <source>Maria</source>
        <translation>Maria</translation>
    </message>
    <message>
        <source>9:30 AM</source>
        <translation>9:30 AM</translation>
    </message>
    <message>
        <source>Tue, Mar 10</source>
        <translation>Tue, Mar 10</translation>
    </message>
    <message>
        <source>Sam</source>
        <translation>Sam</translation>
    </message>
    <message>
        <source>1200 Oak St</source>
        <translation>1200 Oak St</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::Composer</name>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Why sending is disabled</source>
        <translation>Por qué el envío está desactivado</translation>
    </message>
    <message>
        <source>Insert a template</source>
        <translation>Insertar una plantilla</translation>
    </message>
    <message>
        <source>Insert one of the organization&apos;s templates, filled in for this lead</source>
        <translation>Insertar una de las plantillas de la organización, completada con los datos de este cliente potencial</translation>
    </message>
    <message>
        <source>Text to the homeowner</source>
        <translation>Mensaje para el propietario</translation>
    </message>
    <message>
        <source>Write a text (Ctrl+Return sends)</source>
        <translation>Escriba un mensaje (Ctrl+Enter lo envía)</translation>
    </message>
    <message>
        <source>Segment count</source>
        <translation>Cantidad de segmentos</translation>
    </message>
    <message>
        <source>Send text</source>
        <translation>Enviar mensaje</translation>
    </message>
    <message>
        <source>Send (Ctrl+Return)</source>
        <translation>Enviar (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Text back</source>
        <translation>Respuesta por mensaje</translation>
    </message>
    <message>
        <source>Text back (after hours)</source>
        <translation>Respuesta por mensaje (fuera de horario)</translation>
    </message>
    <message>
        <source>Booking confirmation</source>
        <translation>Confirmación de cita</translation>
    </message>
    <message>
        <source>Booking reminder</source>
        <translation>Recordatorio de cita</translation>
    </message>
    <message>
        <source>Opt-out confirmation</source>
        <translation>Confirmación de baja</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Ayuda</translation>
    </message>
    <message>
        <source>Templates…</source>
        <translation>Plantillas…</translation>
    </message>
    <message>
        <source>Unicode</source>
        <translation>Unicode</translation>
    </message>
    <message>
        <source>GSM</source>
        <translation>GSM</translation>
    </message>
    <message>
        <source>1 segment, %1 left (%2)</source>
        <translation>1 segmento, quedan %1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n segments, %1 left (%2)</source>
        <translation>
            <numerusform>%n segmento, quedan %1 (%2)</numerusform>
            <numerusform>%n segmentos, quedan %1 (%2)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>callsnare::ui::DesktopSession</name>
    <message>
        <source>The profile %1 could not be created: %2</source>
        <translation>No se pudo crear el perfil %1: %2</translation>
    </message>
    <message>
        <source>The passphrase remembered in the keychain did not unlock the profile: %1</source>
        <translation>La frase de contraseña guardada en el llavero no desbloqueó el perfil: %1</translation>
    </message>
    <message>
        <source>The passphrase is remembered in the system keychain.</source>
        <translation>La frase de contraseña queda guardada en el llavero del sistema.</translation>
    </message>
    <message>
        <source>Enrolled with %1; %2.</source>
        <translation>Inscrito en %1; %2.</translation>
    </message>
    <message>
        <source>Enrollment failed: %1</source>
        <translation>La inscripción falló: %1</translation>
    </message>
    <message>
        <source>The screenshot could not be saved to %1.</source>
        <translation>No se pudo guardar la captura de pantalla en %1.</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::DialogParts</name>
    <message>
        <source>Relay URL</source>
        <translation>URL del relé</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Código de inscripción</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::EnrollDialog</name>
    <message>
        <source>Enroll with a relay</source>
        <translation>Inscribirse en un relé</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Relay &amp;URL:</source>
        <translation>&amp;URL del relé:</translation>
    </message>
    <message>
        <source>Enrollment &amp;code:</source>
        <translation>&amp;Código de inscripción:</translation>
    </message>
    <message>
        <source>&amp;Enroll</source>
        <translation>&amp;Inscribirse</translation>
    </message>
    <message>
        <source>Your CallSnare administrator gives you the relay&apos;s address and a one-time enrollment code for this computer.</source>
        <translation>Su administrador de CallSnare le da la dirección del relé y un código de inscripción de un solo uso para esta computadora.</translation>
    </message>
    <message>
        <source>Enter the relay&apos;s URL and the enrollment code.</source>
        <translation>Ingrese la URL del relé y el código de inscripción.</translation>
    </message>
    <message>
        <source>Enrolled with %1; %2.</source>
        <translation>Inscrito en %1; %2.</translation>
    </message>
    <message>
        <source>Enrolling with %1…</source>
        <translation>Inscribiendo en %1…</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::FirstRunDialog</name>
    <message>
        <source>Welcome to CallSnare</source>
        <translation>Bienvenido a CallSnare</translation>
    </message>
    <message>
        <source>CallSnare keeps your leads in an encrypted profile on this computer:
%1
Choose the passphrase that unlocks it. Nobody can recover a forgotten passphrase, not even CallSnare.</source>
        <translation>CallSnare guarda sus clientes potenciales en un perfil cifrado en esta computadora:
%1
Elija la frase de contraseña que lo desbloquea. Nadie puede recuperar una frase de contraseña olvidada, ni siquiera CallSnare.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Repita la frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Seguridad de la frase de contraseña</translation>
    </message>
    <message>
        <source>&amp;Remember the passphrase in the system keychain</source>
        <translation>&amp;Recordar la frase de contraseña en el llavero del sistema</translation>
    </message>
    <message>
        <source>Encrypted profile</source>
        <translation>Perfil cifrado</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase de contraseña:</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>R&amp;epetir:</translation>
    </message>
    <message>
        <source>Your organization&apos;s relay</source>
        <translation>El relé de su organización</translation>
    </message>
    <message>
        <source>Your CallSnare administrator gives you the relay&apos;s address and a one-time enrollment code for this computer.</source>
        <translation>Su administrador de CallSnare le da la dirección del relé y un código de inscripción de un solo uso para esta computadora.</translation>
    </message>
    <message>
        <source>Relay &amp;URL:</source>
        <translation>&amp;URL del relé:</translation>
    </message>
    <message>
        <source>Enrollment &amp;code:</source>
        <translation>&amp;Código de inscripción:</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Create profile and &amp;enroll</source>
        <translation>Crear perfil e &amp;inscribirse</translation>
    </message>
    <message>
        <source>Enroll &amp;later</source>
        <translation>Inscribirse &amp;más tarde</translation>
    </message>
    <message>
        <source>Create the profile now and work offline; enroll from the Sync menu later</source>
        <translation>Crear el perfil ahora y trabajar sin conexión; inscribirse más tarde desde el menú Sincronizar</translation>
    </message>
    <message>
        <source>Use a long passphrase: a few unrelated words work well.</source>
        <translation>Use una frase de contraseña larga: unas cuantas palabras sin relación entre sí funcionan bien.</translation>
    </message>
    <message>
        <source>Strength: %1. %2</source>
        <translation>Seguridad: %1. %2</translation>
    </message>
    <message>
        <source>The two passphrases differ. Type the same passphrase in both fields.</source>
        <translation>Las dos frases de contraseña no coinciden. Escriba la misma frase de contraseña en ambos campos.</translation>
    </message>
    <message>
        <source>This passphrase is too weak to protect your leads. %1</source>
        <translation>Esta frase de contraseña es demasiado débil para proteger sus clientes potenciales. %1</translation>
    </message>
    <message>
        <source>The profile could not be created: %1</source>
        <translation>No se pudo crear el perfil: %1</translation>
    </message>
    <message>
        <source>The encrypted profile is created.</source>
        <translation>El perfil cifrado se creó.</translation>
    </message>
    <message>
        <source>Enter the relay&apos;s URL and the enrollment code, or choose &quot;Enroll later&quot;.</source>
        <translation>Ingrese la URL del relé y el código de inscripción, o elija «Inscribirse más tarde».</translation>
    </message>
    <message>
        <source>Enrolled with %1; %2.</source>
        <translation>Inscrito en %1; %2.</translation>
    </message>
    <message>
        <source>Try &amp;enrolling again</source>
        <translation>&amp;Intentar la inscripción de nuevo</translation>
    </message>
    <message>
        <source>%1
The profile is created; check the address and the code and try again, or choose &quot;Enroll later&quot; to work offline.</source>
        <translation>%1
El perfil ya se creó; revise la dirección y el código e inténtelo de nuevo, o elija «Inscribirse más tarde» para trabajar sin conexión.</translation>
    </message>
    <message>
        <source>Enrolling with %1…</source>
        <translation>Inscribiendo en %1…</translation>
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
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message numerus="yes">
        <source>, %n unread</source>
        <translation>
            <numerusform>, %n sin leer</numerusform>
            <numerusform>, %n sin leer</numerusform>
        </translation>
    </message>
    <message>
        <source>, urgent</source>
        <translation>, urgente</translation>
    </message>
    <message>
        <source>, overdue</source>
        <translation>, atrasado</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
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
        <translation>%1 respondió</translation>
    </message>
    <message>
        <source>A new text arrived.</source>
        <translation>Llegó un mensaje nuevo.</translation>
    </message>
    <message>
        <source>Missed call from %1</source>
        <translation>Llamada perdida de %1</translation>
    </message>
    <message>
        <source>CallSnare texted them back.</source>
        <translation>CallSnare le respondió con un mensaje.</translation>
    </message>
    <message>
        <source>No text has gone out yet.</source>
        <translation>Todavía no se ha enviado ningún mensaje.</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::LeadText</name>
    <message>
        <source>Missed</source>
        <translation>Llamada perdida</translation>
    </message>
    <message>
        <source>Texted</source>
        <translation>Mensaje enviado</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Respondió</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Agendado</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Oficina</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Ganado</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdido</translation>
    </message>
    <message>
        <source>Spam</source>
        <translation>Spam</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicado</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>No entregado</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falló</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>No enviado</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <source>missed just now</source>
        <translation>perdida hace un momento</translation>
    </message>
    <message numerus="yes">
        <source>missed %n min ago</source>
        <translation>
            <numerusform>perdida hace %n min</numerusform>
            <numerusform>perdida hace %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>missed %n h ago</source>
        <translation>
            <numerusform>perdida hace %n h</numerusform>
            <numerusform>perdida hace %n h</numerusform>
        </translation>
    </message>
    <message>
        <source>missed yesterday</source>
        <translation>perdida ayer</translation>
    </message>
    <message numerus="yes">
        <source>missed %n days ago</source>
        <translation>
            <numerusform>perdida hace %n día</numerusform>
            <numerusform>perdida hace %n días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>missed %n months ago</source>
        <translation>
            <numerusform>perdida hace %n mes</numerusform>
            <numerusform>perdida hace %n meses</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::LeadThreadView</name>
    <message>
        <source>texted STOP</source>
        <translation>envió STOP</translation>
    </message>
    <message>
        <source>the carrier reports the number as unsubscribed</source>
        <translation>el operador informa que el número se dio de baja</translation>
    </message>
    <message>
        <source>the office recorded it</source>
        <translation>la oficina lo registró</translation>
    </message>
    <message>
        <source>imported from another system</source>
        <translation>importado de otro sistema</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>This homeowner opted out of texts (%1). Sending is disabled until they text START.</source>
        <translation>Este propietario se dio de baja de los mensajes (%1). El envío está desactivado hasta que envíe START.</translation>
    </message>
    <message>
        <source>Select a lead to see its thread.</source>
        <translation>Seleccione un cliente potencial para ver su conversación.</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Agregar nota</translation>
    </message>
    <message>
        <source>Lead thread</source>
        <translation>Conversación del cliente potencial</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Note for the team</source>
        <translation>Nota para el equipo</translation>
    </message>
    <message>
        <source>Add a note for the team (Enter adds it)</source>
        <translation>Agregue una nota para el equipo (Enter la agrega)</translation>
    </message>
    <message>
        <source>Hand to office</source>
        <translation>Pasar a la oficina</translation>
    </message>
    <message>
        <source>Hand the lead to the office</source>
        <translation>Pasar el cliente potencial a la oficina</translation>
    </message>
    <message>
        <source>The office takes the lead from here</source>
        <translation>La oficina se encarga del cliente potencial desde aquí</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the lead with an outcome</source>
        <translation>Cerrar el cliente potencial con un resultado</translation>
    </message>
    <message>
        <source>This lead is not in the inbox.</source>
        <translation>Este cliente potencial no está en la bandeja de entrada.</translation>
    </message>
    <message>
        <source>The lead could not be read: %1</source>
        <translation>No se pudo leer el cliente potencial: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>automation paused</source>
        <translation>automatización en pausa</translation>
    </message>
    <message>
        <source>automation on</source>
        <translation>automatización activa</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Liberar</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>Tomar el control</translation>
    </message>
    <message>
        <source>Release the lead to the automation</source>
        <translation>Devolver el cliente potencial a la automatización</translation>
    </message>
    <message>
        <source>Take over the lead from the automation</source>
        <translation>Tomar el control del cliente potencial en lugar de la automatización</translation>
    </message>
    <message>
        <source>Let the automation text this homeowner again</source>
        <translation>Dejar que la automatización vuelva a enviar mensajes a este propietario</translation>
    </message>
    <message>
        <source>Pause the automation on this lead and answer yourself</source>
        <translation>Pausar la automatización en este cliente potencial y responder usted mismo</translation>
    </message>
    <message>
        <source>The thread could not be read: %1</source>
        <translation>No se pudo leer la conversación: %1</translation>
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
        <translation>&lt;p&gt;&lt;b&gt;CallSnare&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Recuperación de llamadas perdidas para empresas de calefacción y aire acondicionado residencial: cada llamada perdida recibe un mensaje de respuesta, y los despachadores atienden al cliente potencial desde aquí.&lt;/p&gt;</translation>
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
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>Business hours, quiet hours, templates and the other organization settings</source>
        <translation>Horario de atención, horas de silencio, plantillas y demás configuración de la organización</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::PassphraseKeychain</name>
    <message>
        <source>the keychain did not answer in time</source>
        <translation>el llavero no respondió a tiempo</translation>
    </message>
    <message>
        <source>The passphrase could not be kept in the system keychain (%1); you will be asked for it at every start.</source>
        <translation>No se pudo guardar la frase de contraseña en el llavero del sistema (%1); se le pedirá cada vez que inicie.</translation>
    </message>
    <message>
        <source>The system keychain did not give the passphrase back: %1</source>
        <translation>El llavero del sistema no devolvió la frase de contraseña: %1</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::PassphraseStrength</name>
    <message numerus="yes">
        <source>Too short: use at least %n characters (a few words work well).</source>
        <translation>
            <numerusform>Demasiado corta: use al menos %n carácter (unas cuantas palabras funcionan bien).</numerusform>
            <numerusform>Demasiado corta: use al menos %n caracteres (unas cuantas palabras funcionan bien).</numerusform>
        </translation>
    </message>
    <message>
        <source>Too repetitive: use more different characters.</source>
        <translation>Demasiado repetitiva: use caracteres más variados.</translation>
    </message>
    <message>
        <source>Too easy to guess: this is one of the first passphrases anyone tries.</source>
        <translation>Demasiado fácil de adivinar: es una de las primeras frases de contraseña que cualquiera prueba.</translation>
    </message>
    <message>
        <source>Too weak: make it longer, or mix words, digits and punctuation.</source>
        <translation>Demasiado débil: hágala más larga o combine palabras, dígitos y signos de puntuación.</translation>
    </message>
    <message>
        <source>Weak: a few more characters or another word would make it much stronger.</source>
        <translation>Débil: unos cuantos caracteres más u otra palabra la harían mucho más segura.</translation>
    </message>
    <message>
        <source>Fair: good enough; longer is stronger.</source>
        <translation>Aceptable: es suficiente; cuanto más larga, más segura.</translation>
    </message>
    <message>
        <source>A good choice.</source>
        <translation>Una buena elección.</translation>
    </message>
    <message>
        <source>very weak</source>
        <translation>muy débil</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>débil</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>aceptable</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>segura</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::ProfileLocation</name>
    <message>
        <source>The folder %1 for the profile cannot be created.</source>
        <translation>No se puede crear la carpeta %1 para el perfil.</translation>
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
        <translation>Configuración de la organización</translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation>Secciones de la configuración</translation>
    </message>
    <message>
        <source>&amp;Business hours</source>
        <translation>&amp;Horario de atención</translation>
    </message>
    <message>
        <source>&amp;Texting</source>
        <translation>&amp;Mensajes</translation>
    </message>
    <message>
        <source>Te&amp;mplates</source>
        <translation>&amp;Plantillas</translation>
    </message>
    <message>
        <source>&amp;Response rules</source>
        <translation>&amp;Reglas de respuesta</translation>
    </message>
    <message>
        <source>Settings message</source>
        <translation>Mensaje de la configuración</translation>
    </message>
    <message>
        <source>Queue the changes</source>
        <translation>Poner los cambios en cola</translation>
    </message>
    <message>
        <source>Close without changing</source>
        <translation>Cerrar sin cambiar nada</translation>
    </message>
    <message>
        <source>This profile has no organization &quot;%1&quot;.</source>
        <translation>Este perfil no tiene ninguna organización «%1».</translation>
    </message>
    <message>
        <source>The organization&apos;s settings have not arrived from the relay yet; connect and sync before changing them.</source>
        <translation>La configuración de la organización todavía no ha llegado del relé; conéctese y sincronice antes de cambiarla.</translation>
    </message>
    <message>
        <source>Your changes are queued. They reach the relay, and the automation follows them, when this desktop is online.</source>
        <translation>Sus cambios están en cola. Llegarán al relé, y la automatización los aplicará, cuando esta computadora esté en línea.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Business hours, %1</source>
        <translation>Horario de atención, %1</translation>
    </message>
    <message>
        <source>Business hours</source>
        <translation>Horario de atención</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>Días festivos</translation>
    </message>
    <message>
        <source>Quiet hours start</source>
        <translation>Inicio de las horas de silencio</translation>
    </message>
    <message>
        <source>Quiet hours end</source>
        <translation>Fin de las horas de silencio</translation>
    </message>
    <message>
        <source>Quiet hours policy</source>
        <translation>Acción en las horas de silencio</translation>
    </message>
    <message>
        <source>Dedupe window</source>
        <translation>Intervalo de duplicados</translation>
    </message>
    <message>
        <source>Response target</source>
        <translation>Meta de respuesta</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Recordatorios</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <source>Intake questions</source>
        <translation>Preguntas iniciales</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::SettingsHoursPage</name>
    <message>
        <source>&amp;Add holiday</source>
        <translation>&amp;Agregar día festivo</translation>
    </message>
    <message>
        <source>R&amp;emove holiday</source>
        <translation>&amp;Quitar día festivo</translation>
    </message>
    <message>
        <source>Weekly hours</source>
        <translation>Horario semanal</translation>
    </message>
    <message>
        <source>Opens</source>
        <translation>Abre</translation>
    </message>
    <message>
        <source>Closes (00:00 = midnight)</source>
        <translation>Cierra (00:00 = medianoche)</translation>
    </message>
    <message>
        <source>%1: open</source>
        <translation>%1: abierto</translation>
    </message>
    <message>
        <source>%1: opens at</source>
        <translation>%1: abre a las</translation>
    </message>
    <message>
        <source>%1: closes at</source>
        <translation>%1: cierra a las</translation>
    </message>
    <message>
        <source>00:00 means open until midnight</source>
        <translation>00:00 significa abierto hasta la medianoche</translation>
    </message>
    <message>
        <source>Holidays (closed all day)</source>
        <translation>Días festivos (cerrado todo el día)</translation>
    </message>
    <message>
        <source>Holiday date</source>
        <translation>Fecha del día festivo</translation>
    </message>
    <message>
        <source>Add holiday</source>
        <translation>Agregar día festivo</translation>
    </message>
    <message>
        <source>Remove the selected holiday</source>
        <translation>Quitar el día festivo seleccionado</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>Días festivos</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Domingo</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Lunes</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Martes</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Miércoles</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Jueves</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Viernes</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Sábado</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::SettingsRulesPage</name>
    <message>
        <source>&amp;Add question</source>
        <translation>&amp;Agregar pregunta</translation>
    </message>
    <message>
        <source>Add question</source>
        <translation>Agregar pregunta</translation>
    </message>
    <message>
        <source>&amp;Save question</source>
        <translation>&amp;Guardar pregunta</translation>
    </message>
    <message>
        <source>Save the selected question</source>
        <translation>Guardar la pregunta seleccionada</translation>
    </message>
    <message>
        <source>R&amp;emove question</source>
        <translation>&amp;Quitar pregunta</translation>
    </message>
    <message>
        <source>Remove the selected question</source>
        <translation>Quitar la pregunta seleccionada</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>&amp;Subir</translation>
    </message>
    <message>
        <source>Ask the selected question earlier</source>
        <translation>Hacer la pregunta seleccionada antes</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>&amp;Bajar</translation>
    </message>
    <message>
        <source>Ask the selected question later</source>
        <translation>Hacer la pregunta seleccionada después</translation>
    </message>
    <message>
        <source>Intake questions, in the order they are asked</source>
        <translation>Preguntas iniciales, en el orden en que se hacen</translation>
    </message>
    <message>
        <source>Question key</source>
        <translation>Clave de la pregunta</translation>
    </message>
    <message>
        <source>address</source>
        <translation>address</translation>
    </message>
    <message>
        <source>Question text</source>
        <translation>Texto de la pregunta</translation>
    </message>
    <message>
        <source>What is the service address?</source>
        <translation>¿Cuál es la dirección del servicio?</translation>
    </message>
    <message>
        <source>&amp;Key</source>
        <translation>&amp;Clave</translation>
    </message>
    <message>
        <source>&amp;Question</source>
        <translation>Pr&amp;egunta</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::SettingsTemplatesPage</name>
    <message>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <source>Template text</source>
        <translation>Texto de la plantilla</translation>
    </message>
    <message>
        <source>Placeholders: %1</source>
        <translation>Campos variables: %1</translation>
    </message>
    <message>
        <source>Preview with a sample lead</source>
        <translation>Vista previa con un cliente potencial de ejemplo</translation>
    </message>
    <message>
        <source>Segment count</source>
        <translation>Cantidad de segmentos</translation>
    </message>
    <message>
        <source>&amp;Choose template</source>
        <translation>&amp;Elegir plantilla</translation>
    </message>
    <message>
        <source>Te&amp;xt</source>
        <translation>&amp;Texto</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Vista previa:</translation>
    </message>
    <message>
        <source>Cannot be sent as written: %1</source>
        <translation>No se puede enviar tal como está escrito: %1</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::SettingsTextingPage</name>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Quiet hours start</source>
        <translation>Inicio de las horas de silencio</translation>
    </message>
    <message>
        <source>Quiet hours end</source>
        <translation>Fin de las horas de silencio</translation>
    </message>
    <message>
        <source>Dedupe window in minutes</source>
        <translation>Intervalo de duplicados en minutos</translation>
    </message>
    <message>
        <source>Response target in minutes</source>
        <translation>Meta de respuesta en minutos</translation>
    </message>
    <message>
        <source>Reminder offset in minutes before the visit</source>
        <translation>Minutos de anticipación del recordatorio antes de la visita</translation>
    </message>
    <message>
        <source>&amp;Add reminder</source>
        <translation>&amp;Agregar recordatorio</translation>
    </message>
    <message>
        <source>R&amp;emove reminder</source>
        <translation>&amp;Quitar recordatorio</translation>
    </message>
    <message>
        <source>Quiet hours policy</source>
        <translation>Acción en las horas de silencio</translation>
    </message>
    <message>
        <source>Send when quiet hours end</source>
        <translation>Enviar al terminar las horas de silencio</translation>
    </message>
    <message>
        <source>Do not send</source>
        <translation>No enviar</translation>
    </message>
    <message>
        <source>The same start and end: no quiet hours</source>
        <translation>El mismo inicio y fin: sin horas de silencio</translation>
    </message>
    <message>
        <source>Quiet hours (no automated texts)</source>
        <translation>Horas de silencio (sin mensajes automáticos)</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>Ha&amp;sta</translation>
    </message>
    <message>
        <source>&amp;Policy</source>
        <translation>Acci&amp;ón</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Clientes potenciales</translation>
    </message>
    <message>
        <source>A repeat call from the same number within this time joins the same lead</source>
        <translation>Una nueva llamada del mismo número dentro de este tiempo se une al mismo cliente potencial</translation>
    </message>
    <message>
        <source>A homeowner&apos;s reply waiting longer than this for an answer is highlighted</source>
        <translation>Se resalta la respuesta de un propietario que espera contestación más de este tiempo</translation>
    </message>
    <message>
        <source>&amp;Dedupe window</source>
        <translation>&amp;Intervalo de duplicados</translation>
    </message>
    <message>
        <source>Response tar&amp;get</source>
        <translation>Me&amp;ta de respuesta</translation>
    </message>
    <message>
        <source>Booking reminders</source>
        <translation>Recordatorios de cita</translation>
    </message>
    <message>
        <source> min before</source>
        <translation> min antes</translation>
    </message>
    <message>
        <source>Add reminder</source>
        <translation>Agregar recordatorio</translation>
    </message>
    <message>
        <source>Remove the selected reminder</source>
        <translation>Quitar el recordatorio seleccionado</translation>
    </message>
    <message>
        <source>Reminders before a visit</source>
        <translation>Recordatorios antes de una visita</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 before</source>
        <translation>%1 antes</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::SyncStatusIndicator</name>
    <message>
        <source>Sync status</source>
        <translation>Estado de la sincronización</translation>
    </message>
    <message>
        <source>Not enrolled: working offline (Sync &gt; Enroll with a relay)</source>
        <translation>Sin inscripción: trabajando sin conexión (Sincronizar &gt; Inscribirse en un relé)</translation>
    </message>
    <message>
        <source>Connecting to the relay…</source>
        <translation>Conectando con el relé…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <source>Offline: the relay cannot be reached; retrying</source>
        <translation>Sin conexión: no se puede contactar el relé; reintentando</translation>
    </message>
    <message>
        <source>Offline: the relay cannot be reached (%1); retrying</source>
        <translation>Sin conexión: no se puede contactar el relé (%1); reintentando</translation>
    </message>
    <message>
        <source>Sync stopped: %1</source>
        <translation>Sincronización detenida: %1</translation>
    </message>
    <message>
        <source>last synced %1</source>
        <translation>última sincronización: %1</translation>
    </message>
    <message>
        <source>not synced yet</source>
        <translation>aún sin sincronizar</translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n en cola</numerusform>
            <numerusform>%n en cola</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflicto</numerusform>
            <numerusform>%n conflictos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>callsnare::ui::ThreadModel</name>
    <message>
        <source>Answered call · %1</source>
        <translation>Llamada atendida · %1</translation>
    </message>
    <message>
        <source>Missed call · %1</source>
        <translation>Llamada perdida · %1</translation>
    </message>
    <message>
        <source>Homeowner · %1</source>
        <translation>Propietario · %1</translation>
    </message>
    <message>
        <source>Automatic text</source>
        <translation>Mensaje automático</translation>
    </message>
    <message>
        <source>Dispatcher</source>
        <translation>Despachador</translation>
    </message>
    <message>
        <source>%1 (carrier error %2)</source>
        <translation>%1 (error del operador %2)</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Note by %1 · %2</source>
        <translation>Nota de %1 · %2</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>alguien</translation>
    </message>
    <message>
        <source>Visit canceled</source>
        <translation>Visita cancelada</translation>
    </message>
    <message>
        <source>Visit booked</source>
        <translation>Visita agendada</translation>
    </message>
    <message>
        <source>Caller id withheld</source>
        <translation>Número oculto</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>De %1</translation>
    </message>
    <message>
        <source>Automation: %1</source>
        <translation>Automatización: %1</translation>
    </message>
    <message>
        <source>Status changed to %1</source>
        <translation>Estado cambiado a %1</translation>
    </message>
    <message>
        <source>%1 took over; automation paused</source>
        <translation>%1 tomó el control; automatización en pausa</translation>
    </message>
    <message>
        <source>%1 released the lead; automation resumed</source>
        <translation>%1 liberó el cliente potencial; automatización reanudada</translation>
    </message>
    <message>
        <source>Handed to the office: %1</source>
        <translation>Pasado a la oficina: %1</translation>
    </message>
    <message>
        <source>Needs attention: %1</source>
        <translation>Requiere atención: %1</translation>
    </message>
    <message>
        <source>Marked urgent: %1</source>
        <translation>Marcado como urgente: %1</translation>
    </message>
    <message>
        <source>Homeowner answered %1</source>
        <translation>El propietario respondió %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 for %n min</source>
        <translation>
            <numerusform>%1 durante %n min</numerusform>
            <numerusform>%1 durante %n min</numerusform>
        </translation>
    </message>
    <message>
        <source> with %1</source>
        <translation> con %1</translation>
    </message>
</context>
<context>
    <name>callsnare::ui::UnlockDialog</name>
    <message>
        <source>Unlock CallSnare</source>
        <translation>Desbloquear CallSnare</translation>
    </message>
    <message>
        <source>Enter the passphrase of your encrypted profile:
%1</source>
        <translation>Ingrese la frase de contraseña de su perfil cifrado:
%1</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>&amp;Remember the passphrase in the system keychain</source>
        <translation>&amp;Recordar la frase de contraseña en el llavero del sistema</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase de contraseña:</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>Ingrese la frase de contraseña.</translation>
    </message>
</context>
</TS>
