<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Autostart</name>
    <message>
        <location filename="../ui/autostart.cpp" line="74"/>
        <source>could not write the Run key</source>
        <translation>Der Run-Schlüssel konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <location filename="../ui/autostart.cpp" line="93"/>
        <location filename="../ui/autostart.cpp" line="132"/>
        <source>could not remove %1</source>
        <translation>%1 konnte nicht entfernt werden</translation>
    </message>
    <message>
        <location filename="../ui/autostart.cpp" line="104"/>
        <source>could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <location filename="../ui/autostart.cpp" line="137"/>
        <source>could not create %1</source>
        <translation>%1 konnte nicht erstellt werden</translation>
    </message>
    <message>
        <location filename="../ui/autostart.cpp" line="149"/>
        <source>could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>StatusText</name>
    <message>
        <location filename="../ui/statustext.cpp" line="38"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="40"/>
        <source>Running, degraded</source>
        <translation>Läuft, eingeschränkt</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="46"/>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="52"/>
        <source>Proxy paused</source>
        <translation>Proxy pausiert</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="54"/>
        <source>Proxy stopped</source>
        <translation>Proxy gestoppt</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="56"/>
        <source>Degraded: %1 unavailable · %2</source>
        <translation>Eingeschränkt: %1 nicht verfügbar · %2</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="57"/>
        <source>Listening on %1 · requests: %2 · errors: %3</source>
        <translation>Lauscht auf %1 · Anfragen: %2 · Fehler: %3</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="66"/>
        <source>None configured. Set an API key such as OPENAI_API_KEY or ANTHROPIC_API_KEY, or start with --config FILE.</source>
        <translation>Keines konfiguriert. Setzen Sie einen API-Schlüssel wie OPENAI_API_KEY oder ANTHROPIC_API_KEY oder starten Sie mit --config FILE.</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="71"/>
        <source>%1 (default)</source>
        <translation>%1 (Standard)</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="81"/>
        <source>None</source>
        <translation>Keines</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="84"/>
        <source>%1 (at %2)</source>
        <translation>%1 (um %2)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/statustext.cpp" line="93"/>
        <source>Degraded: requests skip %1 until it recovers (circuit open). Requests that name only this backend fail.</source>
        <translation>
            <numerusform>Eingeschränkt: Anfragen umgehen %1, bis es sich erholt (Sperre aktiv). Anfragen, die nur dieses Backend nennen, schlagen fehl.</numerusform>
            <numerusform>Eingeschränkt: Anfragen umgehen %1, bis sie sich erholen (Sperre aktiv). Anfragen, die nur diese Backends nennen, schlagen fehl.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="42"/>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
</context>
<context>
    <name>lip::ui::AccountsPage</name>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="43"/>
        <source>Finish signing in in your browser. If it did not open, use this link: %1</source>
        <translation>Schließen Sie die Anmeldung im Browser ab. Falls er sich nicht geöffnet hat, verwenden Sie diesen Link: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="44"/>
        <source>Open this link in your browser to sign in: %1</source>
        <translation>Öffnen Sie diesen Link im Browser, um sich anzumelden: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="59"/>
        <source>Enter the code %1 on the provider&apos;s page.</source>
        <translation>Geben Sie den Code %1 auf der Seite des Anbieters ein.</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="81"/>
        <source>Signed in as %1. The proxy can use this account now.</source>
        <translation>Angemeldet als %1. Der Proxy kann dieses Konto jetzt verwenden.</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="85"/>
        <source>Sign-in did not complete: %1</source>
        <translation>Anmeldung nicht abgeschlossen: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="95"/>
        <source>Account %1 needs to sign in again: %2</source>
        <translation>Das Konto %1 muss sich erneut anmelden: %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="110"/>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="223"/>
        <source>Subscription accounts the proxy can use instead of API keys. Tokens are kept in the system keychain only. When a provider has several accounts, they are used in the order listed.</source>
        <translation>Abonnement-Konten, die der Proxy anstelle von API-Schlüsseln verwenden kann. Tokens werden ausschließlich im Schlüsselbund des Systems gespeichert. Hat ein Anbieter mehrere Konten, werden sie in der angezeigten Reihenfolge verwendet.</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="226"/>
        <source>&amp;Provider:</source>
        <translation>&amp;Anbieter:</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="227"/>
        <source>Sign-in provider</source>
        <translation>Anmeldeanbieter</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="228"/>
        <source>I have &amp;read the warning above and want to continue</source>
        <translation>Ich habe die Warnung oben ge&amp;lesen und möchte fortfahren</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="229"/>
        <source>Confirm the provider warning</source>
        <translation>Anbieterwarnung bestätigen</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="230"/>
        <source>Accounts in rotation order</source>
        <translation>Konten in Rotationsreihenfolge</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="231"/>
        <source>Result of the last action</source>
        <translation>Ergebnis der letzten Aktion</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="232"/>
        <source>Sign-in progress</source>
        <translation>Anmeldefortschritt</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="233"/>
        <source>Sign in with &amp;browser</source>
        <translation>Im &amp;Browser anmelden</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="233"/>
        <source>Sign in with a &amp;code</source>
        <translation>Mit &amp;Code anmelden</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="234"/>
        <source>&amp;Import existing login…</source>
        <translation>Vorhandene Anmeldung &amp;importieren…</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="234"/>
        <source>C&amp;ancel sign-in</source>
        <translation>Anmeldung abb&amp;rechen</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="235"/>
        <source>Sign ou&amp;t…</source>
        <translation>Ab&amp;melden…</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="235"/>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="236"/>
        <source>Move d&amp;own</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="238"/>
        <source>Sign in in the web browser</source>
        <translation>Im Webbrowser anmelden</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="238"/>
        <source>Sign in with a device code</source>
        <translation>Mit einem Gerätecode anmelden</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="239"/>
        <source>Import the provider tool&apos;s existing login</source>
        <translation>Vorhandene Anmeldung des Anbieter-Tools importieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="239"/>
        <source>Cancel the sign-in</source>
        <translation>Anmeldung abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="240"/>
        <source>Sign out the selected account</source>
        <translation>Ausgewähltes Konto abmelden</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="240"/>
        <source>Move the selected account up</source>
        <translation>Ausgewähltes Konto nach oben verschieben</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="241"/>
        <source>Move the selected account down</source>
        <translation>Ausgewähltes Konto nach unten verschieben</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/accountspage.cpp" line="274"/>
        <source>%1 (%n account(s))</source>
        <translation>
            <numerusform>%1 (%n Konto)</numerusform>
            <numerusform>%1 (%n Konten)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="326"/>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="376"/>
        <source>Starting sign-in to %1…</source>
        <translation>Anmeldung bei %1 wird gestartet…</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="391"/>
        <source>Import existing login</source>
        <translation>Vorhandene Anmeldung importieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="392"/>
        <source>Copy the login of %1 from %2 into the system keychain? The file is only read.</source>
        <translation>Die Anmeldung von %1 aus %2 in den Schlüsselbund des Systems kopieren? Die Datei wird nur gelesen.</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="396"/>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="404"/>
        <source>Importing…</source>
        <translation>Wird importiert…</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="408"/>
        <source>Login imported. The proxy can use this account now.</source>
        <translation>Anmeldung importiert. Der Proxy kann dieses Konto jetzt verwenden.</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="420"/>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="421"/>
        <source>Sign out %1? Its tokens are revoked where the provider allows it and removed from the keychain.</source>
        <translation>%1 abmelden? Die Tokens werden, soweit der Anbieter es zulässt, widerrufen und aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="426"/>
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="434"/>
        <source>Signing out…</source>
        <translation>Wird abgemeldet…</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="438"/>
        <source>Signed out.</source>
        <translation>Abgemeldet.</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="462"/>
        <source>Order saved.</source>
        <translation>Reihenfolge gespeichert.</translation>
    </message>
</context>
<context>
    <name>lip::ui::BackendsPage</name>
    <message>
        <location filename="../ui/pages/backendspage.h" line="34"/>
        <source>Backends</source>
        <translation>Backends</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="227"/>
        <location filename="../ui/pages/backendspage.cpp" line="229"/>
        <source>Backend instances</source>
        <translation>Backend-Instanzen</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="228"/>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="228"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="228"/>
        <location filename="../ui/pages/backendspage.cpp" line="234"/>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="228"/>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="228"/>
        <source>Keys</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="228"/>
        <location filename="../ui/pages/backendspage.cpp" line="242"/>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="230"/>
        <source>Selected instance</source>
        <translation>Ausgewählte Instanz</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="231"/>
        <source>&amp;Enabled</source>
        <translation>&amp;Aktiviert</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="232"/>
        <source>Instance enabled</source>
        <translation>Instanz aktiviert</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="233"/>
        <source>Base &amp;URL:</source>
        <translation>Basis-&amp;URL:</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="235"/>
        <source>the type&apos;s default</source>
        <translation>Standardwert des Typs</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="236"/>
        <source>&amp;Save URL</source>
        <translation>URL &amp;speichern</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="237"/>
        <source>Save base URL</source>
        <translation>Basis-URL speichern</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="238"/>
        <source>Use config&apos;s UR&amp;L</source>
        <translation>URL aus der &amp;Konfiguration</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="239"/>
        <source>Use the base URL from the config file</source>
        <translation>Basis-URL aus der Konfigurationsdatei verwenden</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="240"/>
        <source>Base URL error</source>
        <translation>Fehler bei der Basis-URL</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="241"/>
        <source>Where the settings come from</source>
        <translation>Herkunft der Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="243"/>
        <source>Re&amp;activate</source>
        <translation>&amp;Reaktivieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="244"/>
        <source>Reactivate: close the circuit and clear key cooldowns</source>
        <translation>Reaktivieren: Sperre aufheben und Wartezeiten der Schlüssel zurücksetzen</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="245"/>
        <source>Remo&amp;ve instance</source>
        <translation>Instanz &amp;entfernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="246"/>
        <source>Remove the instance added here</source>
        <translation>Die hier hinzugefügte Instanz entfernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="247"/>
        <source>&amp;Models:</source>
        <translation>&amp;Modelle:</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="248"/>
        <source>Models the backend lists</source>
        <translation>Vom Backend angebotene Modelle</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="249"/>
        <source>Load m&amp;odels</source>
        <translation>Modelle &amp;laden</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="250"/>
        <source>Load the model list from the backend</source>
        <translation>Modellliste vom Backend laden</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="251"/>
        <source>Model list error</source>
        <translation>Fehler bei der Modellliste</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="252"/>
        <location filename="../ui/pages/backendspage.cpp" line="261"/>
        <source>Add instance</source>
        <translation>Instanz hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="253"/>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="254"/>
        <source>Type of the new instance</source>
        <translation>Typ der neuen Instanz</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="255"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="256"/>
        <source>Name of the new instance</source>
        <translation>Name der neuen Instanz</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="257"/>
        <source>Base U&amp;RL:</source>
        <translation>&amp;Basis-URL:</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="258"/>
        <source>Base URL of the new instance (optional)</source>
        <translation>Basis-URL der neuen Instanz (optional)</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="259"/>
        <source>optional: the type&apos;s default</source>
        <translation>optional: Standardwert des Typs</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="260"/>
        <source>Add &amp;instance</source>
        <translation>&amp;Instanz hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="262"/>
        <source>Keys are added on the Credentials page; an instance without a key is not used.</source>
        <translation>Schlüssel werden auf der Seite „Zugangsdaten“ hinzugefügt; eine Instanz ohne Schlüssel wird nicht verwendet.</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="263"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="320"/>
        <source>not running</source>
        <translation>läuft nicht</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="331"/>
        <source>circuit open until %1</source>
        <translation>gesperrt bis %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="332"/>
        <source>circuit open</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="334"/>
        <source>probing after failures</source>
        <translation>wird nach Fehlern geprüft</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="336"/>
        <source>healthy</source>
        <translation>funktionsfähig</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="339"/>
        <source>%1 of %2 keys ready</source>
        <translation>%1 von %2 Schlüsseln bereit</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="371"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="371"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/backendspage.cpp" line="378"/>
        <source>%n key(s): %1</source>
        <translation>
            <numerusform>%n Schlüssel: %1</numerusform>
            <numerusform>%n Schlüssel: %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="380"/>
        <source>none needed</source>
        <translation>nicht erforderlich</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="387"/>
        <source>none yet: add one on the Credentials page</source>
        <translation>noch keiner: fügen Sie einen auf der Seite „Zugangsdaten“ hinzu</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="422"/>
        <source>Enabled: %1</source>
        <translation>Aktiviert: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="422"/>
        <source>URL: %1</source>
        <translation>URL: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="435"/>
        <source>No instance selected.</source>
        <translation>Keine Instanz ausgewählt.</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="496"/>
        <source>No configuration to change.</source>
        <translation>Keine Konfiguration zum Ändern.</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="499"/>
        <source>An instance named %1 exists already.</source>
        <translation>Eine Instanz namens %1 ist bereits vorhanden.</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="509"/>
        <source>Added %1. Add its key on the Credentials page.</source>
        <translation>%1 hinzugefügt. Fügen Sie den Schlüssel auf der Seite „Zugangsdaten“ hinzu.</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="522"/>
        <source>%1 is set in your config file or the environment; remove it there.</source>
        <translation>%1 ist in Ihrer Konfigurationsdatei oder der Umgebung festgelegt; entfernen Sie es dort.</translation>
    </message>
</context>
<context>
    <name>lip::ui::ClientsPage</name>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="54"/>
        <source>(not set)</source>
        <translation>(nicht festgelegt)</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="356"/>
        <source>Point a coding agent or SDK at this proxy. OpenAI dialects use %1, Anthropic uses %2, Gemini uses %3. Models are written backend:model (e.g. openai:gpt-4o) or as a route name.</source>
        <translation>Richten Sie einen Coding-Agenten oder ein SDK auf diesen Proxy aus. OpenAI-Dialekte verwenden %1, Anthropic verwendet %2, Gemini verwendet %3. Modelle werden als backend:model (z. B. openai:gpt-4o) oder als Routenname angegeben.</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="360"/>
        <source>Clients must send the proxy&apos;s client key (%1).</source>
        <translation>Clients müssen den Client-Schlüssel des Proxys senden (%1).</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="361"/>
        <source>The proxy has no client key: auth is off on loopback, so any non-empty key works (&quot;%1&quot; below).</source>
        <translation>Der Proxy hat keinen Client-Schlüssel: Auf Loopback ist die Authentifizierung aus, daher funktioniert jeder nicht leere Schlüssel („%1“ unten).</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="390"/>
        <source>%1 (new file)</source>
        <translation>%1 (neue Datei)</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="401"/>
        <source>(removed)</source>
        <translation>(entfernt)</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="403"/>
        <source>Already set to this value</source>
        <translation>Bereits auf diesen Wert gesetzt</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="408"/>
        <source>%1 from %2</source>
        <translation>%1 vom %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="417"/>
        <source>No backups yet</source>
        <translation>Noch keine Sicherungen</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="423"/>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="461"/>
        <source>%1 is already set up for this proxy; nothing to change.</source>
        <translation>%1 ist bereits für diesen Proxy eingerichtet; es gibt nichts zu ändern.</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="467"/>
        <source>Apply to %1</source>
        <translation>Auf %1 anwenden</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="469"/>
        <source>These lines will change. Everything else in the files stays as it is; each file is backed up next to itself first.</source>
        <translation>Diese Zeilen werden geändert. Alles andere in den Dateien bleibt unverändert; jede Datei wird zuvor daneben gesichert.</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="476"/>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="483"/>
        <source>&amp;Write files</source>
        <translation>Dateien &amp;schreiben</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="485"/>
        <source>Write files</source>
        <translation>Dateien schreiben</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="491"/>
        <source>Nothing was changed.</source>
        <translation>Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="501"/>
        <source>%1 changed while the dialog was open; nothing more was written. Apply again to see the new changes.</source>
        <translation>%1 wurde geändert, während der Dialog geöffnet war; es wurde nichts weiter geschrieben. Wenden Sie erneut an, um die neuen Änderungen zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="514"/>
        <source>created %1</source>
        <translation>%1 erstellt</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="515"/>
        <source>updated %1 (backup %2)</source>
        <translation>%1 aktualisiert (Sicherung %2)</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="518"/>
        <source>Done: %1. Restart %2 to use the proxy.</source>
        <translation>Fertig: %1. Starten Sie %2 neu, um den Proxy zu verwenden.</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="529"/>
        <location filename="../ui/pages/clientspage.cpp" line="576"/>
        <source>Restore backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="530"/>
        <source>Put back %1 as it was at %2? The current file is backed up first.</source>
        <translation>%1 auf den Stand vom %2 zurücksetzen? Die aktuelle Datei wird zuvor gesichert.</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="542"/>
        <source>Restored %1.</source>
        <translation>%1 wiederhergestellt.</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="543"/>
        <source>Restored %1 (the file it replaced is in %2).</source>
        <translation>%1 wiederhergestellt (die ersetzte Datei liegt in %2).</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="557"/>
        <source>&amp;Model for the snippets:</source>
        <translation>&amp;Modell für die Beispiele:</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="558"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="559"/>
        <source>backend:model (for example openai:gpt-4o), or the name of a failover route</source>
        <translation>backend:model (zum Beispiel openai:gpt-4o) oder der Name einer Failover-Route</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="560"/>
        <location filename="../ui/pages/clientspage.h" line="37"/>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="561"/>
        <source>S&amp;ettings to copy</source>
        <translation>&amp;Einstellungen zum Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="562"/>
        <source>Settings to copy</source>
        <translation>Einstellungen zum Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="563"/>
        <source>Show &amp;key</source>
        <translation>Schlüssel an&amp;zeigen</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="564"/>
        <source>Show key</source>
        <translation>Schlüssel anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="565"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="566"/>
        <source>Copy settings</source>
        <translation>Einstellungen kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="567"/>
        <source>Config files</source>
        <translation>Konfigurationsdateien</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="568"/>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="568"/>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="568"/>
        <source>After Apply</source>
        <translation>Nach dem Anwenden</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="569"/>
        <source>Settings the proxy manages</source>
        <translation>Vom Proxy verwaltete Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="570"/>
        <source>&amp;Apply…</source>
        <translation>&amp;Anwenden…</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="571"/>
        <source>Apply to config files</source>
        <translation>Auf Konfigurationsdateien anwenden</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="572"/>
        <source>Shows the changes first; each file is backed up before it is written</source>
        <translation>Zeigt zuerst die Änderungen; jede Datei wird vor dem Schreiben gesichert</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="573"/>
        <source>&amp;Backups:</source>
        <translation>&amp;Sicherungen:</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="574"/>
        <source>Backups</source>
        <translation>Sicherungen</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="575"/>
        <source>&amp;Restore…</source>
        <translation>&amp;Wiederherstellen…</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="577"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>lip::ui::CredentialsPage</name>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="60"/>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="168"/>
        <source>API keys per backend, in rotation order: when a key is rate-limited or rejected the next one is used. Keys you add here are kept in the system keychain only. Keys set by environment variables or a config file are listed read-only and come first.</source>
        <translation>API-Schlüssel pro Backend in Rotationsreihenfolge: Wird ein Schlüssel gedrosselt oder abgelehnt, wird der nächste verwendet. Hier hinzugefügte Schlüssel werden ausschließlich im Schlüsselbund des Systems gespeichert. Schlüssel aus Umgebungsvariablen oder einer Konfigurationsdatei werden schreibgeschützt und zuerst aufgeführt.</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="171"/>
        <source>&amp;Backend:</source>
        <translation>&amp;Backend:</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="172"/>
        <source>Backend instance</source>
        <translation>Backend-Instanz</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="173"/>
        <source>Keys in rotation order</source>
        <translation>Schlüssel in Rotationsreihenfolge</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="174"/>
        <source>&amp;Add key…</source>
        <translation>Schlüssel &amp;hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="174"/>
        <source>&amp;Edit…</source>
        <translation>B&amp;earbeiten…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="174"/>
        <source>Re&amp;move</source>
        <translation>Ent&amp;fernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="175"/>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="175"/>
        <source>Move d&amp;own</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="175"/>
        <location filename="../ui/pages/credentialspage.cpp" line="409"/>
        <location filename="../ui/pages/credentialspage.cpp" line="566"/>
        <source>Re&amp;veal</source>
        <translation>An&amp;zeigen</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="176"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="176"/>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="176"/>
        <source>Import from e&amp;nvironment…</source>
        <translation>Aus der Umgebung &amp;importieren…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="177"/>
        <source>Import .env &amp;file…</source>
        <translation>.env-&amp;Datei importieren…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="179"/>
        <source>Add a key</source>
        <translation>Schlüssel hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="179"/>
        <source>Replace the selected key</source>
        <translation>Ausgewählten Schlüssel ersetzen</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="179"/>
        <source>Remove the selected key</source>
        <translation>Ausgewählten Schlüssel entfernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="180"/>
        <source>Move the selected key up</source>
        <translation>Ausgewählten Schlüssel nach oben verschieben</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="180"/>
        <source>Move the selected key down</source>
        <translation>Ausgewählten Schlüssel nach unten verschieben</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="181"/>
        <source>Reveal the selected key</source>
        <translation>Ausgewählten Schlüssel anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="181"/>
        <source>Copy the selected key</source>
        <translation>Ausgewählten Schlüssel kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="182"/>
        <source>Test the selected key</source>
        <translation>Ausgewählten Schlüssel testen</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="182"/>
        <source>Import keys from the environment</source>
        <translation>Schlüssel aus der Umgebung importieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="183"/>
        <location filename="../ui/pages/credentialspage.cpp" line="633"/>
        <source>Import keys from a .env file</source>
        <translation>Schlüssel aus einer .env-Datei importieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="188"/>
        <source>Waiting for the keychain</source>
        <translation>Warte auf den Schlüsselbund</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="189"/>
        <source>Result of the last action</source>
        <translation>Ergebnis der letzten Aktion</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="190"/>
        <source>Keychain status</source>
        <translation>Status des Schlüsselbunds</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="192"/>
        <location filename="../ui/pages/credentialspage.cpp" line="571"/>
        <source>&amp;Hide</source>
        <translation>&amp;Ausblenden</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="200"/>
        <source>Checking the system keychain…</source>
        <translation>Schlüsselbund des Systems wird geprüft…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="202"/>
        <source>The system keychain cannot be used (%1). Adding or changing keys here is disabled — keys are never stored in plain text. Keys from environment variables and config files still work.</source>
        <translation>Der Schlüsselbund des Systems kann nicht verwendet werden (%1). Das Hinzufügen oder Ändern von Schlüsseln ist hier deaktiviert – Schlüssel werden nie im Klartext gespeichert. Schlüssel aus Umgebungsvariablen und Konfigurationsdateien funktionieren weiterhin.</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="206"/>
        <source>Keys are stored in the system keychain.</source>
        <translation>Schlüssel werden im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="239"/>
        <source>no credential store</source>
        <translation>kein Anmeldedatenspeicher</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="245"/>
        <source>Checking the system keychain… (it may ask for your password)</source>
        <translation>Schlüsselbund des Systems wird geprüft… (möglicherweise werden Sie nach Ihrem Passwort gefragt)</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="294"/>
        <location filename="../ui/pages/credentialspage.cpp" line="679"/>
        <source>The keychain could not be read: %1</source>
        <translation>Der Schlüsselbund konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="306"/>
        <source>Stored, but the proxy could not use the new keys: %1</source>
        <translation>Gespeichert, aber der Proxy konnte die neuen Schlüssel nicht verwenden: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="313"/>
        <source>Saved. The proxy uses the keys now.</source>
        <translation>Gespeichert. Der Proxy verwendet die Schlüssel jetzt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/credentialspage.cpp" line="349"/>
        <source>%1 (%n key(s) in the keychain)</source>
        <translation>
            <numerusform>%1 (%n Schlüssel im Schlüsselbund)</numerusform>
            <numerusform>%1 (%n Schlüssel im Schlüsselbund)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/credentialspage.cpp" line="350"/>
        <source>%1 (not configured yet; %n key(s) in the keychain)</source>
        <translation>
            <numerusform>%1 (noch nicht konfiguriert; %n Schlüssel im Schlüsselbund)</numerusform>
            <numerusform>%1 (noch nicht konfiguriert; %n Schlüssel im Schlüsselbund)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="356"/>
        <source>%1 (no keys yet)</source>
        <translation>%1 (noch keine Schlüssel)</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="454"/>
        <source>Storing key “%1” in the keychain…</source>
        <translation>Schlüssel „%1“ wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="472"/>
        <source>Replacing key “%1”…</source>
        <translation>Schlüssel „%1“ wird ersetzt…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="486"/>
        <source>Remove key</source>
        <translation>Schlüssel entfernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="487"/>
        <source>Remove the key “%1” of %2 from the keychain? The proxy stops using it at once.</source>
        <translation>Den Schlüssel „%1“ von %2 aus dem Schlüsselbund entfernen? Der Proxy verwendet ihn dann sofort nicht mehr.</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="492"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="497"/>
        <source>Removing key “%1”…</source>
        <translation>Schlüssel „%1“ wird entfernt…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="521"/>
        <source>Saving the new order…</source>
        <translation>Neue Reihenfolge wird gespeichert…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="541"/>
        <source>That key is no longer in the configuration.</source>
        <translation>Dieser Schlüssel ist nicht mehr in der Konfiguration.</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="547"/>
        <source>Reading key “%1” from the keychain… (it may ask for your password)</source>
        <translation>Schlüssel „%1“ wird aus dem Schlüsselbund gelesen… (möglicherweise werden Sie nach Ihrem Passwort gefragt)</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="554"/>
        <source>Key “%1” could not be read: %2</source>
        <translation>Schlüssel „%1“ konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="580"/>
        <source>Key “%1” copied to the clipboard.</source>
        <translation>Schlüssel „%1“ in die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="605"/>
        <source>Testing key “%1” of %2…</source>
        <translation>Schlüssel „%1“ von %2 wird getestet…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="628"/>
        <source>the environment</source>
        <translation>der Umgebung</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="636"/>
        <source>.env files (.env *.env)</source>
        <translation>.env-Dateien (.env *.env)</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="636"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="648"/>
        <source>%1 is larger than %2 KiB; it is not a .env file.</source>
        <translation>%1 ist größer als %2 KiB; das ist keine .env-Datei.</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="652"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="672"/>
        <source>Reading the keychain to compare…</source>
        <translation>Schlüsselbund wird zum Vergleich gelesen…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="684"/>
        <source>Some lines of %1 were skipped:
%2</source>
        <translation>Einige Zeilen von %1 wurden übersprungen:
%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/credentialspage.cpp" line="701"/>
        <source>Storing %n imported key(s)…</source>
        <translation>
            <numerusform>%n importierter Schlüssel wird gespeichert…</numerusform>
            <numerusform>%n importierte Schlüssel werden gespeichert…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/credentials/backendtesttext.cpp" line="14"/>
        <source>Key “%1” works: %2 ms, %n model(s) listed.</source>
        <translation>
            <numerusform>Schlüssel „%1“ funktioniert: %2 ms, %n Modell aufgelistet.</numerusform>
            <numerusform>Schlüssel „%1“ funktioniert: %2 ms, %n Modelle aufgelistet.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/credentials/backendtesttext.cpp" line="18"/>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <location filename="../ui/credentials/backendtesttext.cpp" line="20"/>
        <source>Key “%1” failed: HTTP %2 after %3 ms: %4</source>
        <translation>Schlüssel „%1“ fehlgeschlagen: HTTP %2 nach %3 ms: %4</translation>
    </message>
    <message>
        <location filename="../ui/credentials/backendtesttext.cpp" line="21"/>
        <source>Key “%1” could not be tested: %2</source>
        <translation>Schlüssel „%1“ konnte nicht getestet werden: %2</translation>
    </message>
</context>
<context>
    <name>lip::ui::LogPage</name>
    <message>
        <location filename="../ui/pages/logpage.h" line="31"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="210"/>
        <source>C&amp;ategory:</source>
        <translation>Kat&amp;egorie:</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="211"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="212"/>
        <source>Category filter</source>
        <translation>Kategoriefilter</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="213"/>
        <source>&amp;Level:</source>
        <translation>&amp;Stufe:</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="214"/>
        <source>Debug and above</source>
        <translation>Debug und höher</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="215"/>
        <source>Info and above</source>
        <translation>Info und höher</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="216"/>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="217"/>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="218"/>
        <source>Level filter</source>
        <translation>Stufenfilter</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="219"/>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="220"/>
        <source>text in the message or category</source>
        <translation>Text in Meldung oder Kategorie</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="221"/>
        <source>Text filter</source>
        <translation>Textfilter</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="222"/>
        <source>Log lines</source>
        <translation>Protokollzeilen</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="223"/>
        <source>&amp;Pause autoscroll</source>
        <translation>Automatisches Scrollen &amp;anhalten</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="224"/>
        <source>Pause autoscroll</source>
        <translation>Automatisches Scrollen anhalten</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="225"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="226"/>
        <source>Copy the shown log lines</source>
        <translation>Angezeigte Protokollzeilen kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="227"/>
        <source>Clea&amp;r</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="228"/>
        <source>Clear the log view</source>
        <translation>Protokollansicht leeren</translation>
    </message>
</context>
<context>
    <name>lip::ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="138"/>
        <source>LLM Interactive Proxy</source>
        <translation>LLM Interactive Proxy</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="139"/>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
</context>
<context>
    <name>lip::ui::OriginText</name>
    <message>
        <location filename="../ui/widgets/origintext.cpp" line="16"/>
        <source>Set by the environment variable %1, which wins over this page.</source>
        <translation>Durch die Umgebungsvariable %1 festgelegt, die Vorrang vor dieser Seite hat.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/origintext.cpp" line="20"/>
        <source>Set on the command line, which wins over this page.</source>
        <translation>Auf der Befehlszeile festgelegt, die Vorrang vor dieser Seite hat.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/origintext.cpp" line="26"/>
        <source>Set in %1; a value saved here replaces it.</source>
        <translation>In %1 festgelegt; ein hier gespeicherter Wert ersetzt ihn.</translation>
    </message>
</context>
<context>
    <name>lip::ui::OverviewPage</name>
    <message>
        <location filename="../ui/pages/overviewpage.h" line="24"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="151"/>
        <source>Could not start: %1</source>
        <translation>Start fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="153"/>
        <source>S&amp;top</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="153"/>
        <source>S&amp;tart</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="154"/>
        <source>Stop the proxy</source>
        <translation>Proxy stoppen</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="154"/>
        <source>Start the proxy</source>
        <translation>Proxy starten</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="174"/>
        <source>not listening</source>
        <translation>lauscht nicht</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="183"/>
        <source>%1 answered, %2 in progress</source>
        <translation>%1 beantwortet, %2 in Bearbeitung</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="184"/>
        <source>%1 answered</source>
        <translation>%1 beantwortet</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="198"/>
        <source>(proxy)</source>
        <translation>(Proxy)</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="206"/>
        <source>&amp;OpenAI base URL:</source>
        <translation>&amp;OpenAI-Basis-URL:</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="207"/>
        <source>OpenAI base URL</source>
        <translation>OpenAI-Basis-URL</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="208"/>
        <location filename="../ui/pages/overviewpage.cpp" line="212"/>
        <location filename="../ui/pages/overviewpage.cpp" line="216"/>
        <location filename="../ui/pages/overviewpage.cpp" line="220"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="209"/>
        <source>Copy OpenAI base URL</source>
        <translation>OpenAI-Basis-URL kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="210"/>
        <source>A&amp;nthropic base URL:</source>
        <translation>A&amp;nthropic-Basis-URL:</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="211"/>
        <source>Anthropic base URL</source>
        <translation>Anthropic-Basis-URL</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="213"/>
        <source>Copy Anthropic base URL</source>
        <translation>Anthropic-Basis-URL kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="214"/>
        <source>&amp;Gemini base URL:</source>
        <translation>&amp;Gemini-Basis-URL:</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="215"/>
        <source>Gemini base URL</source>
        <translation>Gemini-Basis-URL</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="217"/>
        <source>Copy Gemini base URL</source>
        <translation>Gemini-Basis-URL kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="218"/>
        <source>Anthropic &amp;port:</source>
        <translation>Anthropic-&amp;Port:</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="219"/>
        <source>Dedicated Anthropic address</source>
        <translation>Eigene Anthropic-Adresse</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="221"/>
        <source>Copy dedicated Anthropic address</source>
        <translation>Eigene Anthropic-Adresse kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="222"/>
        <source>Backends:</source>
        <translation>Backends:</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="223"/>
        <source>Backends</source>
        <translation>Backends</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="224"/>
        <source>Requests:</source>
        <translation>Anfragen:</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="225"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="226"/>
        <source>Errors:</source>
        <translation>Fehler:</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="227"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="228"/>
        <source>Proxy state</source>
        <translation>Proxy-Status</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="229"/>
        <source>Degraded</source>
        <translation>Eingeschränkt</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="230"/>
        <source>&amp;Recent errors:</source>
        <translation>&amp;Letzte Fehler:</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="231"/>
        <source>Recent errors</source>
        <translation>Letzte Fehler</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="232"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="232"/>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="232"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>lip::ui::RoutingPage</name>
    <message>
        <location filename="../ui/pages/routingpage.h" line="33"/>
        <source>Routing</source>
        <translation>Routing</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="309"/>
        <location filename="../ui/pages/routingpage.cpp" line="311"/>
        <source>Default backend</source>
        <translation>Standard-Backend</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="310"/>
        <source>&amp;Backend:</source>
        <translation>&amp;Backend:</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="312"/>
        <source>Used for a bare model name. Write backend or backend:model, e.g. openai:gpt-4o.</source>
        <translation>Wird für einen reinen Modellnamen verwendet. Geben Sie backend oder backend:model an, z. B. openai:gpt-4o.</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="314"/>
        <source>backend[:model]</source>
        <translation>backend[:model]</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="316"/>
        <location filename="../ui/pages/routingpage.cpp" line="317"/>
        <source>Failover routes</source>
        <translation>Failover-Routen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="318"/>
        <source>A request whose model is a route&apos;s name tries its elements in turn.</source>
        <translation>Eine Anfrage, deren Modell der Name einer Route ist, probiert deren Elemente der Reihe nach.</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="319"/>
        <source>Add &amp;route</source>
        <translation>&amp;Route hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="320"/>
        <source>Add route</source>
        <translation>Route hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="321"/>
        <source>Remo&amp;ve route</source>
        <translation>Route &amp;entfernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="322"/>
        <source>Remove route</source>
        <translation>Route entfernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="323"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="324"/>
        <source>Route name</source>
        <translation>Routenname</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="325"/>
        <source>&amp;Policy:</source>
        <translation>&amp;Strategie:</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="326"/>
        <source>Route policy</source>
        <translation>Routenstrategie</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="328"/>
        <source>ordered: each element once, with its first working key (same as m)</source>
        <translation>ordered: jedes Element einmal, mit seinem ersten funktionierenden Schlüssel (wie m)</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="329"/>
        <source>k: every key of the first element only</source>
        <translation>k: jeder Schlüssel nur des ersten Elements</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="330"/>
        <source>m: each element once, with its first working key</source>
        <translation>m: jedes Element einmal, mit seinem ersten funktionierenden Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="331"/>
        <source>km: every key of each element, element by element</source>
        <translation>km: jeder Schlüssel jedes Elements, Element für Element</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="332"/>
        <source>mk: key 1 of every element, then key 2, and so on</source>
        <translation>mk: Schlüssel 1 jedes Elements, dann Schlüssel 2 und so weiter</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="336"/>
        <source>&amp;Elements:</source>
        <translation>E&amp;lemente:</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="337"/>
        <source>Route elements, in the order they are tried</source>
        <translation>Routenelemente in der Reihenfolge, in der sie probiert werden</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="338"/>
        <source>Drag to reorder, double-click to edit.</source>
        <translation>Zum Umsortieren ziehen, zum Bearbeiten doppelklicken.</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="339"/>
        <source>New element</source>
        <translation>Neues Element</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="340"/>
        <source>backend:model, e.g. anthropic:claude-sonnet-4-5</source>
        <translation>backend:model, z. B. anthropic:claude-sonnet-4-5</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="341"/>
        <source>A&amp;dd element</source>
        <translation>Element hin&amp;zufügen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="342"/>
        <source>Add element</source>
        <translation>Element hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="343"/>
        <source>Remove e&amp;lement</source>
        <translation>Element en&amp;tfernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="344"/>
        <source>Remove element</source>
        <translation>Element entfernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="345"/>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="346"/>
        <source>Move element up</source>
        <translation>Element nach oben verschieben</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="347"/>
        <source>Move do&amp;wn</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="348"/>
        <source>Move element down</source>
        <translation>Element nach unten verschieben</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="349"/>
        <source>Where the route comes from</source>
        <translation>Herkunft der Route</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="350"/>
        <source>Route error</source>
        <translation>Fehler in der Route</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="351"/>
        <source>Default backend error</source>
        <translation>Fehler beim Standard-Backend</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="352"/>
        <source>Where the default backend comes from</source>
        <translation>Herkunft des Standard-Backends</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="354"/>
        <location filename="../ui/pages/routingpage.cpp" line="356"/>
        <source>Model aliases</source>
        <translation>Modell-Aliasse</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="355"/>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="355"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="357"/>
        <source>Add al&amp;ias</source>
        <translation>Al&amp;ias hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="358"/>
        <source>Add alias</source>
        <translation>Alias hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="359"/>
        <source>Remove alia&amp;s</source>
        <translation>Alias ent&amp;fernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="360"/>
        <source>Remove alias</source>
        <translation>Alias entfernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="361"/>
        <source>Alias error</source>
        <translation>Fehler beim Alias</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="363"/>
        <source>Model rewrites</source>
        <translation>Modell-Umschreibungen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="364"/>
        <source>Pattern</source>
        <translation>Muster</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="364"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="364"/>
        <source>Regular expression</source>
        <translation>Regulärer Ausdruck</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="364"/>
        <source>Client dialect</source>
        <translation>Client-Dialekt</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="365"/>
        <source>Model rewrites, first match wins</source>
        <translation>Modell-Umschreibungen, der erste Treffer gilt</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="366"/>
        <source>Add re&amp;write</source>
        <translation>Umschreibung &amp;hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="367"/>
        <source>Add rewrite</source>
        <translation>Umschreibung hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="368"/>
        <source>Remove rewri&amp;te</source>
        <translation>U&amp;mschreibung entfernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="369"/>
        <source>Remove rewrite</source>
        <translation>Umschreibung entfernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="370"/>
        <source>Rewrite error</source>
        <translation>Fehler bei der Umschreibung</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="372"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="373"/>
        <source>Re&amp;vert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="374"/>
        <source>Revert unsaved changes</source>
        <translation>Nicht gespeicherte Änderungen verwerfen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="375"/>
        <source>&amp;Apply</source>
        <translation>&amp;Übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="376"/>
        <source>Apply and save</source>
        <translation>Übernehmen und speichern</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="378"/>
        <source>Saves to %1 and applies to the running proxy.</source>
        <translation>Speichert in %1 und wendet es auf den laufenden Proxy an.</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="455"/>
        <source>The app&apos;s saved settings could not be read (%1); saving replaces them.</source>
        <translation>Die gespeicherten Einstellungen der App konnten nicht gelesen werden (%1); beim Speichern werden sie ersetzt.</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="519"/>
        <source>failover_routes: a route needs a name.</source>
        <translation>failover_routes: Eine Route braucht einen Namen.</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="521"/>
        <source>failover_routes.%1: two routes have this name.</source>
        <translation>failover_routes.%1: Zwei Routen haben diesen Namen.</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="524"/>
        <source>failover_routes.%1: a route needs at least one element.</source>
        <translation>failover_routes.%1: Eine Route braucht mindestens ein Element.</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="527"/>
        <source>failover_routes.%1: an element is empty.</source>
        <translation>failover_routes.%1: Ein Element ist leer.</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="535"/>
        <source>model_aliases: an alias needs a name.</source>
        <translation>model_aliases: Ein Alias braucht einen Namen.</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="537"/>
        <source>model_aliases.%1: two aliases have this name.</source>
        <translation>model_aliases.%1: Zwei Aliasse haben diesen Namen.</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="540"/>
        <source>model_aliases.%1: needs the model it stands for.</source>
        <translation>model_aliases.%1: Das Modell, für das er steht, fehlt.</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="546"/>
        <source>model_rewrites[%1]: needs a pattern and a target.</source>
        <translation>model_rewrites[%1]: Muster und Ziel sind erforderlich.</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="548"/>
        <source>model_rewrites[%1].frontend: &apos;%2&apos; is not a client dialect (accepted: %3)</source>
        <translation>model_rewrites[%1].frontend: &apos;%2&apos; ist kein Client-Dialekt (zulässig: %3)</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="593"/>
        <location filename="../ui/pages/routingpage.cpp" line="594"/>
        <source>Fix the error above to apply.</source>
        <translation>Beheben Sie den Fehler oben, um zu übernehmen.</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="609"/>
        <source>Saved and applied.</source>
        <translation>Gespeichert und übernommen.</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="792"/>
        <source>This route is set in your config file; edit it there to remove it.</source>
        <translation>Diese Route ist in Ihrer Konfigurationsdatei festgelegt; bearbeiten Sie sie dort, um sie zu entfernen.</translation>
    </message>
</context>
<context>
    <name>lip::ui::SettingsPage</name>
    <message>
        <location filename="../ui/pages/settingspage.h" line="33"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="418"/>
        <source>Appl&amp;y</source>
        <translation>Ü&amp;bernehmen</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="409"/>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="166"/>
        <source>New key generated. Save it to use it; clients then need it.</source>
        <translation>Neuer Schlüssel generiert. Speichern Sie ihn, um ihn zu verwenden; Clients benötigen ihn dann.</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="194"/>
        <source>Saved; %1.</source>
        <translation>Gespeichert; %1.</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="199"/>
        <source>Applied. The proxy listens on the new address.</source>
        <translation>Übernommen. Der Proxy lauscht auf der neuen Adresse.</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="201"/>
        <source>Not applied: %1</source>
        <translation>Nicht übernommen: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="270"/>
        <location filename="../ui/pages/settingspage.cpp" line="291"/>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="294"/>
        <source>Saved; the proxy is moving to the new address…</source>
        <translation>Gespeichert; der Proxy wechselt auf die neue Adresse…</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="294"/>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="328"/>
        <source>Stored, but not applied: %1</source>
        <translation>Gespeichert, aber nicht übernommen: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="337"/>
        <source>The keychain is not available.</source>
        <translation>Der Schlüsselbund ist nicht verfügbar.</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="341"/>
        <source>Generate or enter a key first.</source>
        <translation>Generieren Sie zuerst einen Schlüssel oder geben Sie einen ein.</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="349"/>
        <source>Not stored: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="353"/>
        <source>Stored in the keychain. Clients must now send this key.</source>
        <translation>Im Schlüsselbund gespeichert. Clients müssen jetzt diesen Schlüssel senden.</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="367"/>
        <source>Not removed: %1</source>
        <translation>Nicht entfernt: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="371"/>
        <source>Removed from the keychain.</source>
        <translation>Aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="378"/>
        <location filename="../ui/pages/settingspage.cpp" line="440"/>
        <source>Data directory</source>
        <translation>Datenverzeichnis</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="383"/>
        <source>The new data directory is used after a restart.</source>
        <translation>Das neue Datenverzeichnis wird nach einem Neustart verwendet.</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="410"/>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="411"/>
        <source>Listen address</source>
        <translation>Lauschadresse</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="412"/>
        <source>127.0.0.1 keeps the proxy private to this computer. Any other address needs a client key.</source>
        <translation>Mit 127.0.0.1 ist der Proxy nur auf diesem Computer erreichbar. Jede andere Adresse erfordert einen Client-Schlüssel.</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="413"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="414"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="415"/>
        <source>&amp;Anthropic port:</source>
        <translation>&amp;Anthropic-Port:</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="416"/>
        <source>Dedicated Anthropic port</source>
        <translation>Eigener Anthropic-Port</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="417"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="419"/>
        <source>Apply network settings</source>
        <translation>Netzwerkeinstellungen übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="420"/>
        <source>Network settings result</source>
        <translation>Ergebnis der Netzwerkeinstellungen</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="422"/>
        <source>Client key</source>
        <translation>Client-Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="423"/>
        <source>Clients send this key (as the API key of their SDK) to use the proxy. Stored in the system keychain. Without any key, only this computer can connect.</source>
        <translation>Clients senden diesen Schlüssel (als API-Schlüssel ihres SDKs), um den Proxy zu verwenden. Er wird im Schlüsselbund des Systems gespeichert. Ohne Schlüssel kann sich nur dieser Computer verbinden.</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="425"/>
        <source>Proxy client key</source>
        <translation>Client-Schlüssel des Proxys</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="426"/>
        <source>&amp;Generate</source>
        <translation>&amp;Generieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="427"/>
        <source>Generate a new client key</source>
        <translation>Neuen Client-Schlüssel generieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="428"/>
        <source>H&amp;ide</source>
        <translation>A&amp;usblenden</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="428"/>
        <source>&amp;Show</source>
        <translation>An&amp;zeigen</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="429"/>
        <source>Hide the client key</source>
        <translation>Client-Schlüssel ausblenden</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="429"/>
        <source>Show the client key</source>
        <translation>Client-Schlüssel anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="430"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="431"/>
        <source>Copy the client key</source>
        <translation>Client-Schlüssel kopieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="432"/>
        <source>Sa&amp;ve</source>
        <translation>Spei&amp;chern</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="433"/>
        <source>Save the client key in the keychain</source>
        <translation>Client-Schlüssel im Schlüsselbund speichern</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="434"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="435"/>
        <source>Remove the client key from the keychain</source>
        <translation>Client-Schlüssel aus dem Schlüsselbund entfernen</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="436"/>
        <source>Client key result</source>
        <translation>Ergebnis zum Client-Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="438"/>
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="439"/>
        <source>&amp;Data directory:</source>
        <translation>&amp;Datenverzeichnis:</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="441"/>
        <source>Cha&amp;nge…</source>
        <translation>Ä&amp;ndern…</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="442"/>
        <source>Change the data directory</source>
        <translation>Datenverzeichnis ändern</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="443"/>
        <source>Usage records, captures and the credential index live here. A change takes effect after a restart.</source>
        <translation>Nutzungsdaten, Mitschnitte und der Index der Zugangsdaten liegen hier. Eine Änderung wird nach einem Neustart wirksam.</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="445"/>
        <source>Start at l&amp;ogin</source>
        <translation>Bei der Anmeldung s&amp;tarten</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="446"/>
        <source>Start at login</source>
        <translation>Bei der Anmeldung starten</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="447"/>
        <source>Start hidden in the &amp;tray</source>
        <translation>Versteckt im &amp;Infobereich starten</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="448"/>
        <source>Start hidden in the tray</source>
        <translation>Versteckt im Infobereich starten</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="449"/>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="450"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="451"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="452"/>
        <source>Application settings result</source>
        <translation>Ergebnis der Anwendungseinstellungen</translation>
    </message>
</context>
<context>
    <name>lip::ui::TrayIcon</name>
    <message>
        <location filename="../ui/trayicon.cpp" line="239"/>
        <source>&amp;Open window</source>
        <translation>Fenster &amp;öffnen</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="240"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="131"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="115"/>
        <source>LLM Interactive Proxy</source>
        <translation>LLM Interactive Proxy</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="116"/>
        <source>The proxy keeps running. Use the tray icon to show the window or to quit.</source>
        <translation>Der Proxy läuft weiter. Über das Symbol im Infobereich können Sie das Fenster anzeigen oder die Anwendung beenden.</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="131"/>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="167"/>
        <location filename="../ui/trayicon.cpp" line="178"/>
        <source>Default backend not changed</source>
        <translation>Standard-Backend nicht geändert</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="173"/>
        <source>another setting</source>
        <translation>eine andere Einstellung</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="174"/>
        <source>Saved, but %1 sets the default backend (%2), and it takes precedence.</source>
        <translation>Gespeichert, aber %1 legt das Standard-Backend fest (%2) und hat Vorrang.</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="205"/>
        <source>Backend unavailable</source>
        <translation>Backend nicht verfügbar</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="206"/>
        <source>%1 failed repeatedly; requests skip it until it recovers.</source>
        <translation>%1 ist wiederholt fehlgeschlagen; Anfragen umgehen es, bis es sich erholt.</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="208"/>
        <source>Backend recovered</source>
        <translation>Backend wieder verfügbar</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="208"/>
        <source>%1 answers again.</source>
        <translation>%1 antwortet wieder.</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="213"/>
        <source>API key refused</source>
        <translation>API-Schlüssel abgelehnt</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="214"/>
        <source>%1 refused the key &quot;%2&quot; (HTTP %3). Replace it on the Credentials page.</source>
        <translation>%1 hat den Schlüssel „%2“ abgelehnt (HTTP %3). Ersetzen Sie ihn auf der Seite „Zugangsdaten“.</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="221"/>
        <source>Sign in again</source>
        <translation>Erneut anmelden</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="222"/>
        <source>The account %1 must sign in again: %2</source>
        <translation>Das Konto %1 muss sich erneut anmelden: %2</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="234"/>
        <source>&amp;Copy base URL</source>
        <translation>Basis-URL &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="235"/>
        <source>&amp;OpenAI (…/v1)</source>
        <translation>&amp;OpenAI (…/v1)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="236"/>
        <source>&amp;Anthropic</source>
        <translation>&amp;Anthropic</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="237"/>
        <source>&amp;Gemini</source>
        <translation>&amp;Gemini</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="238"/>
        <source>&amp;Default backend</source>
        <translation>&amp;Standard-Backend</translation>
    </message>
</context>
<context>
    <name>lip::ui::clients</name>
    <message>
        <location filename="../ui/clients/clientfiles.cpp" line="26"/>
        <location filename="../ui/clients/clientfiles.cpp" line="29"/>
        <location filename="../ui/clients/clientfiles.cpp" line="32"/>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientfiles.cpp" line="47"/>
        <source>%1 is not a file</source>
        <translation>%1 ist keine Datei</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientfiles.cpp" line="51"/>
        <source>%1 is too large to be a settings file</source>
        <translation>%1 ist zu groß für eine Einstellungsdatei</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientfiles.cpp" line="56"/>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientfiles.cpp" line="94"/>
        <source>cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht erstellt werden</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientfiles.cpp" line="135"/>
        <source>the backup %1 no longer exists</source>
        <translation>Die Sicherung %1 existiert nicht mehr</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="104"/>
        <source>%1 is not valid JSON (%2); fix it first, nothing was changed</source>
        <translation>%1 ist kein gültiges JSON (%2); beheben Sie das zuerst, es wurde nichts geändert</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="115"/>
        <location filename="../ui/clients/clientprofiles.cpp" line="127"/>
        <location filename="../ui/clients/clientprofiles.cpp" line="136"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="172"/>
        <source>Claude Code</source>
        <translation>Claude Code</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="173"/>
        <source>Anthropic&apos;s coding agent. Speaks the Anthropic Messages API; settings go in the env block of its settings.json.</source>
        <translation>Der Coding-Agent von Anthropic. Spricht die Anthropic Messages API; die Einstellungen kommen in den env-Block seiner settings.json.</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="175"/>
        <source>Codex CLI</source>
        <translation>Codex CLI</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="176"/>
        <source>OpenAI&apos;s coding agent. Speaks the OpenAI Responses API; the proxy is added as a model provider in config.toml.</source>
        <translation>Der Coding-Agent von OpenAI. Spricht die OpenAI Responses API; der Proxy wird in config.toml als Modellanbieter hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="178"/>
        <source>Gemini CLI</source>
        <translation>Gemini CLI</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="179"/>
        <source>Google&apos;s coding agent. Speaks the Gemini API; the base URL and key go in ~/.gemini/.env, API-key sign-in in settings.json.</source>
        <translation>Der Coding-Agent von Google. Spricht die Gemini API; Basis-URL und Schlüssel kommen in ~/.gemini/.env, die Anmeldung per API-Schlüssel in settings.json.</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="181"/>
        <source>OpenAI SDK (Python / JS)</source>
        <translation>OpenAI SDK (Python / JS)</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="182"/>
        <source>The official openai packages: Chat Completions and Responses.</source>
        <translation>Die offiziellen openai-Pakete: Chat Completions und Responses.</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="183"/>
        <source>Anthropic SDK (Python / JS)</source>
        <translation>Anthropic SDK (Python / JS)</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="184"/>
        <source>The official anthropic packages: Messages.</source>
        <translation>Die offiziellen anthropic-Pakete: Messages.</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="185"/>
        <source>Gemini SDK (@google/genai)</source>
        <translation>Gemini SDK (@google/genai)</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="186"/>
        <source>Google&apos;s Gen AI SDK for JavaScript and Python: generateContent.</source>
        <translation>Googles Gen AI SDK für JavaScript und Python: generateContent.</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="187"/>
        <source>Any OpenAI-compatible tool</source>
        <translation>Beliebiges OpenAI-kompatibles Tool</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="188"/>
        <source>Editors, chat apps and libraries that let you set an OpenAI base URL and key.</source>
        <translation>Editoren, Chat-Apps und Bibliotheken, in denen Sie eine OpenAI-Basis-URL und einen Schlüssel festlegen können.</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="268"/>
        <source># The key is the proxy&apos;s client key (LLM_INTERACTIVE_PROXY_API_KEY), not a provider key.</source>
        <translation># Der Schlüssel ist der Client-Schlüssel des Proxys (LLM_INTERACTIVE_PROXY_API_KEY), kein Anbieterschlüssel.</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="269"/>
        <source># The proxy has no client key: auth is off on loopback, any non-empty key works.</source>
        <translation># Der Proxy hat keinen Client-Schlüssel: Auf Loopback ist die Authentifizierung aus, jeder nicht leere Schlüssel funktioniert.</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="272"/>
        <source># ~/.claude/settings.json (or $CLAUDE_CONFIG_DIR/settings.json)</source>
        <translation># ~/.claude/settings.json (oder $CLAUDE_CONFIG_DIR/settings.json)</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="276"/>
        <location filename="../ui/clients/clientprofiles.cpp" line="299"/>
        <source># or, for one shell:</source>
        <translation># oder, für eine einzelne Shell:</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="286"/>
        <source># ~/.codex/config.toml (or $CODEX_HOME/config.toml)</source>
        <translation># ~/.codex/config.toml (oder $CODEX_HOME/config.toml)</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="288"/>
        <source># in the shell that runs codex:</source>
        <translation># in der Shell, in der codex läuft:</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="294"/>
        <source># ~/.gemini/.env</source>
        <translation># ~/.gemini/.env</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="297"/>
        <source># ~/.gemini/settings.json: sign in with an API key</source>
        <translation># ~/.gemini/settings.json: Anmeldung mit einem API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="304"/>
        <source># Python (pip install openai)</source>
        <translation># Python (pip install openai)</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="309"/>
        <source>// JavaScript (npm install openai)</source>
        <translation>// JavaScript (npm install openai)</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="313"/>
        <location filename="../ui/clients/clientprofiles.cpp" line="326"/>
        <source># or through the environment:</source>
        <translation># oder über die Umgebung:</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="317"/>
        <source># Python (pip install anthropic)</source>
        <translation># Python (pip install anthropic)</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="322"/>
        <source>// JavaScript (npm install @anthropic-ai/sdk)</source>
        <translation>// JavaScript (npm install @anthropic-ai/sdk)</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="330"/>
        <source>// JavaScript (npm install @google/genai)</source>
        <translation>// JavaScript (npm install @google/genai)</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="335"/>
        <source># Python (pip install google-genai)</source>
        <translation># Python (pip install google-genai)</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="342"/>
        <source># Settings for any OpenAI-compatible tool</source>
        <translation># Einstellungen für ein beliebiges OpenAI-kompatibles Tool</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="343"/>
        <source>Base URL: %1</source>
        <translation>Basis-URL:     %1</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="343"/>
        <source>API key:  %1</source>
        <translation>API-Schlüssel: %1</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="344"/>
        <source>Model:    %1</source>
        <translation>Modell:        %1</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="47"/>
        <source>expected &apos;{&apos; at the start of the document</source>
        <translation>&apos;{&apos; am Anfang des Dokuments erwartet</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="54"/>
        <source>unexpected text after the end of the document</source>
        <translation>unerwarteter Text nach dem Ende des Dokuments</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="89"/>
        <source>line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="105"/>
        <source>unterminated comment</source>
        <translation>nicht abgeschlossener Kommentar</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="129"/>
        <source>control character in a string</source>
        <translation>Steuerzeichen in einer Zeichenkette</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="146"/>
        <location filename="../ui/clients/jsonpatch.cpp" line="150"/>
        <source>bad \u escape</source>
        <translation>ungültige \u-Escape-Sequenz</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="158"/>
        <source>bad escape in a string</source>
        <translation>ungültige Escape-Sequenz in einer Zeichenkette</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="165"/>
        <source>unterminated string</source>
        <translation>nicht abgeschlossene Zeichenkette</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="187"/>
        <source>unexpected character</source>
        <translation>unerwartetes Zeichen</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="194"/>
        <source>nested too deeply</source>
        <translation>zu tief verschachtelt</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="199"/>
        <source>unexpected end of the document</source>
        <translation>unerwartetes Ende des Dokuments</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="215"/>
        <source>unterminated array</source>
        <translation>nicht abgeschlossenes Array</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="220"/>
        <location filename="../ui/clients/jsonpatch.cpp" line="280"/>
        <source>trailing comma</source>
        <translation>überzähliges Komma am Ende</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="227"/>
        <source>expected &apos;,&apos; or &apos;]&apos;</source>
        <translation>&apos;,&apos; oder &apos;]&apos; erwartet</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="249"/>
        <source>expected a member name in quotes</source>
        <translation>Mitgliedsname in Anführungszeichen erwartet</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="259"/>
        <source>expected &apos;:&apos;</source>
        <translation>&apos;:&apos; erwartet</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="275"/>
        <source>unterminated object</source>
        <translation>nicht abgeschlossenes Objekt</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="287"/>
        <source>expected &apos;,&apos; or &apos;}&apos;</source>
        <translation>&apos;,&apos; oder &apos;}&apos; erwartet</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="449"/>
        <source>empty setting path</source>
        <translation>leerer Einstellungspfad</translation>
    </message>
    <message>
        <location filename="../ui/clients/tomlpatch.cpp" line="231"/>
        <source>line %1: the value of &quot;%2&quot; is not closed</source>
        <translation>Zeile %1: Der Wert von „%2“ ist nicht abgeschlossen</translation>
    </message>
    <message>
        <location filename="../ui/clients/tomlpatch.cpp" line="367"/>
        <source>line %1: [%2] is written as a key of [%3]; edit it by hand or remove it</source>
        <translation>Zeile %1: [%2] ist als Schlüssel von [%3] geschrieben; bearbeiten Sie es von Hand oder entfernen Sie es</translation>
    </message>
    <message>
        <location filename="../ui/clients/tomlpatch.cpp" line="378"/>
        <source>line %1: [%2] is set with the top-level key &quot;%3&quot;; edit it by hand or remove it</source>
        <translation>Zeile %1: [%2] ist mit dem Schlüssel „%3“ auf oberster Ebene gesetzt; bearbeiten Sie es von Hand oder entfernen Sie es</translation>
    </message>
</context>
<context>
    <name>lip::ui::credentials::AccountListModel</name>
    <message>
        <location filename="../ui/credentials/accountlistmodel.cpp" line="43"/>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <location filename="../ui/credentials/accountlistmodel.cpp" line="44"/>
        <source>sign-in needed</source>
        <translation>Anmeldung erforderlich</translation>
    </message>
    <message>
        <location filename="../ui/credentials/accountlistmodel.cpp" line="44"/>
        <source>sign-in needed: %1</source>
        <translation>Anmeldung erforderlich: %1</translation>
    </message>
    <message>
        <location filename="../ui/credentials/accountlistmodel.cpp" line="57"/>
        <location filename="../ui/credentials/accountlistmodel.cpp" line="63"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../ui/credentials/accountlistmodel.cpp" line="77"/>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location filename="../ui/credentials/accountlistmodel.cpp" line="79"/>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <location filename="../ui/credentials/accountlistmodel.cpp" line="81"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/credentials/accountlistmodel.cpp" line="83"/>
        <source>Token expires</source>
        <translation>Token läuft ab</translation>
    </message>
</context>
<context>
    <name>lip::ui::credentials::DeviceCodeDialog</name>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="21"/>
        <source>Sign in to %1</source>
        <translation>Bei %1 anmelden</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="24"/>
        <source>Open the page below, sign in, and enter this code:</source>
        <translation>Öffnen Sie die Seite unten, melden Sie sich an und geben Sie diesen Code ein:</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="31"/>
        <source>Code to enter</source>
        <translation>Einzugebender Code</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="37"/>
        <source>&amp;Copy code</source>
        <translation>Code &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="39"/>
        <source>Copy the code</source>
        <translation>Code kopieren</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="54"/>
        <source>Verification page</source>
        <translation>Bestätigungsseite</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="65"/>
        <source>Time left</source>
        <translation>Verbleibende Zeit</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="73"/>
        <source>&amp;Cancel sign-in</source>
        <translation>Anmeldung &amp;abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="97"/>
        <source>Waiting for you to enter the code…</source>
        <translation>Warte auf die Eingabe des Codes…</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="102"/>
        <source>The code has expired. Cancel and sign in again.</source>
        <translation>Der Code ist abgelaufen. Brechen Sie ab und melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="106"/>
        <source>The code expires in %1:%2.</source>
        <translation>Der Code läuft in %1:%2 ab.</translation>
    </message>
</context>
<context>
    <name>lip::ui::credentials::ImportPreviewDialog</name>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="98"/>
        <source>Import keys from %1</source>
        <translation>Schlüssel aus %1 importieren</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="101"/>
        <source>No API key of a known backend was found in %1.</source>
        <translation>In %1 wurde kein API-Schlüssel eines bekannten Backends gefunden.</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="102"/>
        <source>These keys were found in %1. Nothing is stored until you confirm.</source>
        <translation>Diese Schlüssel wurden in %1 gefunden. Es wird nichts gespeichert, bevor Sie bestätigen.</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="109"/>
        <source>Keys to import</source>
        <translation>Zu importierende Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="110"/>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="110"/>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="110"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="110"/>
        <source>Effect</source>
        <translation>Auswirkung</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="120"/>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="123"/>
        <source>replaces</source>
        <translation>ersetzt</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="126"/>
        <source>same (already stored)</source>
        <translation>gleich (bereits gespeichert)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/credentials/keydialogs.cpp" line="142"/>
        <source>%n variable(s) ignored (not an API key of a known backend): %1</source>
        <translation>
            <numerusform>%n Variable ignoriert (kein API-Schlüssel eines bekannten Backends): %1</numerusform>
            <numerusform>%n Variablen ignoriert (keine API-Schlüssel eines bekannten Backends): %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/credentials/keydialogs.cpp" line="151"/>
        <source>&amp;Store %n key(s)</source>
        <translation>
            <numerusform>%n Schlüssel &amp;speichern</numerusform>
            <numerusform>%n Schlüssel &amp;speichern</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lip::ui::credentials::KeyEditDialog</name>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="23"/>
        <source>Replace key “%1” of %2</source>
        <translation>Schlüssel „%1“ von %2 ersetzen</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="24"/>
        <source>Add a key to %1</source>
        <translation>Schlüssel zu %1 hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="28"/>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="29"/>
        <source>work, personal, team-2 …</source>
        <translation>Arbeit, privat, team-2 …</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="34"/>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="36"/>
        <source>Paste the key</source>
        <translation>Schlüssel einfügen</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="37"/>
        <source>&amp;Alias:</source>
        <translation>&amp;Alias:</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="39"/>
        <source>&amp;Key:</source>
        <translation>&amp;Schlüssel:</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="47"/>
        <source>&amp;Replace</source>
        <translation>&amp;Ersetzen</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="47"/>
        <source>&amp;Store</source>
        <translation>Sp&amp;eichern</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="76"/>
        <source>Give the key an alias (it names the key in logs and statistics).</source>
        <translation>Geben Sie dem Schlüssel einen Alias (er benennt den Schlüssel in Protokollen und Statistiken).</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="78"/>
        <source>The alias %1.</source>
        <translation>Alias ungültig: %1.</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="80"/>
        <source>This backend already has a key named “%1”; use Edit to replace it.</source>
        <translation>Dieses Backend hat bereits einen Schlüssel namens „%1“; verwenden Sie „Bearbeiten“, um ihn zu ersetzen.</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="82"/>
        <source>Paste the key.</source>
        <translation>Fügen Sie den Schlüssel ein.</translation>
    </message>
</context>
<context>
    <name>lip::ui::credentials::KeyListModel</name>
    <message>
        <location filename="../ui/credentials/keylistmodel.cpp" line="72"/>
        <source>keychain</source>
        <translation>Schlüsselbund</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keylistmodel.cpp" line="76"/>
        <source>Set outside the app (%1); read-only here.</source>
        <translation>Außerhalb der App festgelegt (%1); hier schreibgeschützt.</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keylistmodel.cpp" line="86"/>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keylistmodel.cpp" line="88"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keylistmodel.cpp" line="90"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
</context>
</TS>
