<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>StatusText</name>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on %1 · requests: %2 · errors: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None configured. Set an API key such as OPENAI_API_KEY or ANTHROPIC_API_KEY, or start with --config FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (at %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lip::ui::MainWindow</name>
    <message>
        <source>Could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered, %2 in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LLM Interactive Proxy — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LLM Interactive Proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Listening on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy listening address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the address to the clipboard, to paste into a client&apos;s base URL setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Anthropic API:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anthropic API address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Anthropic API address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backends:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last &amp;error:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hide to Tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide window to the system tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit the proxy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lip::ui::TrayIcon</name>
    <message>
        <source>&amp;Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LLM Interactive Proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy keeps running. Use the tray icon to show the window or to quit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
