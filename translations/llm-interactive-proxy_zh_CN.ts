<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Autostart</name>
    <message>
        <location filename="../ui/autostart.cpp" line="74"/>
        <source>could not write the Run key</source>
        <translation>无法写入 Run 注册表项</translation>
    </message>
    <message>
        <location filename="../ui/autostart.cpp" line="93"/>
        <location filename="../ui/autostart.cpp" line="132"/>
        <source>could not remove %1</source>
        <translation>无法删除 %1</translation>
    </message>
    <message>
        <location filename="../ui/autostart.cpp" line="104"/>
        <source>could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location filename="../ui/autostart.cpp" line="137"/>
        <source>could not create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <location filename="../ui/autostart.cpp" line="149"/>
        <source>could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>StatusText</name>
    <message>
        <location filename="../ui/statustext.cpp" line="38"/>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="40"/>
        <source>Running, degraded</source>
        <translation>运行中（已降级）</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="46"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="52"/>
        <source>Proxy paused</source>
        <translation>代理已暂停</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="54"/>
        <source>Proxy stopped</source>
        <translation>代理已停止</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="56"/>
        <source>Degraded: %1 unavailable · %2</source>
        <translation>已降级：%1 不可用 · %2</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="57"/>
        <source>Listening on %1 · requests: %2 · errors: %3</source>
        <translation>正在监听 %1 · 请求：%2 · 错误：%3</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="66"/>
        <source>None configured. Set an API key such as OPENAI_API_KEY or ANTHROPIC_API_KEY, or start with --config FILE.</source>
        <translation>尚未配置。请设置 API 密钥（如 OPENAI_API_KEY 或 ANTHROPIC_API_KEY），或使用 --config FILE 启动。</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="71"/>
        <source>%1 (default)</source>
        <translation>%1（默认）</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="81"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="84"/>
        <source>%1 (at %2)</source>
        <translation>%1（于 %2）</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/statustext.cpp" line="93"/>
        <source>Degraded: requests skip %1 until it recovers (circuit open). Requests that name only this backend fail.</source>
        <translation>
            <numerusform>已降级：在 %1 恢复之前，请求会跳过它（已熔断）。仅指定该后端的请求将失败。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/statustext.cpp" line="42"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
</context>
<context>
    <name>lip::ui::AccountsPage</name>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="43"/>
        <source>Finish signing in in your browser. If it did not open, use this link: %1</source>
        <translation>请在浏览器中完成登录。如果浏览器没有打开，请使用此链接：%1</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="44"/>
        <source>Open this link in your browser to sign in: %1</source>
        <translation>请在浏览器中打开此链接以登录：%1</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="59"/>
        <source>Enter the code %1 on the provider&apos;s page.</source>
        <translation>请在提供商的页面上输入代码 %1。</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="81"/>
        <source>Signed in as %1. The proxy can use this account now.</source>
        <translation>已以 %1 身份登录。代理现在可以使用此账户。</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="85"/>
        <source>Sign-in did not complete: %1</source>
        <translation>登录未完成：%1</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="95"/>
        <source>Account %1 needs to sign in again: %2</source>
        <translation>账户 %1 需要重新登录：%2</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="110"/>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="223"/>
        <source>Subscription accounts the proxy can use instead of API keys. Tokens are kept in the system keychain only. When a provider has several accounts, they are used in the order listed.</source>
        <translation>代理可用来代替 API 密钥的订阅账户。令牌仅保存在系统钥匙串中。若某个提供商有多个账户，将按列出的顺序使用。</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="226"/>
        <source>&amp;Provider:</source>
        <translation>提供商(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="227"/>
        <source>Sign-in provider</source>
        <translation>登录提供商</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="228"/>
        <source>I have &amp;read the warning above and want to continue</source>
        <translation>我已阅读上述警告并希望继续(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="229"/>
        <source>Confirm the provider warning</source>
        <translation>确认提供商警告</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="230"/>
        <source>Accounts in rotation order</source>
        <translation>按轮换顺序排列的账户</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="231"/>
        <source>Result of the last action</source>
        <translation>上一操作的结果</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="232"/>
        <source>Sign-in progress</source>
        <translation>登录进度</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="233"/>
        <source>Sign in with &amp;browser</source>
        <translation>使用浏览器登录(&amp;B)</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="233"/>
        <source>Sign in with a &amp;code</source>
        <translation>使用代码登录(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="234"/>
        <source>&amp;Import existing login…</source>
        <translation>导入现有登录(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="234"/>
        <source>C&amp;ancel sign-in</source>
        <translation>取消登录(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="235"/>
        <source>Sign ou&amp;t…</source>
        <translation>退出登录(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="235"/>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="236"/>
        <source>Move d&amp;own</source>
        <translation>下移(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="238"/>
        <source>Sign in in the web browser</source>
        <translation>在网页浏览器中登录</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="238"/>
        <source>Sign in with a device code</source>
        <translation>使用设备代码登录</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="239"/>
        <source>Import the provider tool&apos;s existing login</source>
        <translation>导入提供商工具的现有登录</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="239"/>
        <source>Cancel the sign-in</source>
        <translation>取消登录</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="240"/>
        <source>Sign out the selected account</source>
        <translation>退出所选账户的登录</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="240"/>
        <source>Move the selected account up</source>
        <translation>上移所选账户</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="241"/>
        <source>Move the selected account down</source>
        <translation>下移所选账户</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/accountspage.cpp" line="274"/>
        <source>%1 (%n account(s))</source>
        <translation>
            <numerusform>%1（%n 个账户）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="326"/>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="376"/>
        <source>Starting sign-in to %1…</source>
        <translation>正在开始登录 %1…</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="391"/>
        <source>Import existing login</source>
        <translation>导入现有登录</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="392"/>
        <source>Copy the login of %1 from %2 into the system keychain? The file is only read.</source>
        <translation>要将 %1 的登录信息从 %2 复制到系统钥匙串吗？该文件只会被读取。</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="396"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="404"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="408"/>
        <source>Login imported. The proxy can use this account now.</source>
        <translation>登录已导入。代理现在可以使用此账户。</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="420"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="421"/>
        <source>Sign out %1? Its tokens are revoked where the provider allows it and removed from the keychain.</source>
        <translation>要退出 %1 的登录吗？在提供商允许的情况下，其令牌将被吊销，并从钥匙串中删除。</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="426"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="434"/>
        <source>Signing out…</source>
        <translation>正在退出登录…</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="438"/>
        <source>Signed out.</source>
        <translation>已退出登录。</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="462"/>
        <source>Order saved.</source>
        <translation>顺序已保存。</translation>
    </message>
</context>
<context>
    <name>lip::ui::BackendsPage</name>
    <message>
        <location filename="../ui/pages/backendspage.h" line="34"/>
        <source>Backends</source>
        <translation>后端</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="227"/>
        <location filename="../ui/pages/backendspage.cpp" line="229"/>
        <source>Backend instances</source>
        <translation>后端实例</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="228"/>
        <source>Instance</source>
        <translation>实例</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="228"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="228"/>
        <location filename="../ui/pages/backendspage.cpp" line="234"/>
        <source>Base URL</source>
        <translation>基础 URL</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="228"/>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="228"/>
        <source>Keys</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="228"/>
        <location filename="../ui/pages/backendspage.cpp" line="242"/>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="230"/>
        <source>Selected instance</source>
        <translation>所选实例</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="231"/>
        <source>&amp;Enabled</source>
        <translation>已启用(&amp;E)</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="232"/>
        <source>Instance enabled</source>
        <translation>实例已启用</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="233"/>
        <source>Base &amp;URL:</source>
        <translation>基础 URL(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="235"/>
        <source>the type&apos;s default</source>
        <translation>该类型的默认值</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="236"/>
        <source>&amp;Save URL</source>
        <translation>保存 URL(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="237"/>
        <source>Save base URL</source>
        <translation>保存基础 URL</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="238"/>
        <source>Use config&apos;s UR&amp;L</source>
        <translation>使用配置中的 URL(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="239"/>
        <source>Use the base URL from the config file</source>
        <translation>使用配置文件中的基础 URL</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="240"/>
        <source>Base URL error</source>
        <translation>基础 URL 错误</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="241"/>
        <source>Where the settings come from</source>
        <translation>设置的来源</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="243"/>
        <source>Re&amp;activate</source>
        <translation>重新激活(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="244"/>
        <source>Reactivate: close the circuit and clear key cooldowns</source>
        <translation>重新激活：解除熔断并清除密钥冷却</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="245"/>
        <source>Remo&amp;ve instance</source>
        <translation>删除实例(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="246"/>
        <source>Remove the instance added here</source>
        <translation>删除在此处添加的实例</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="247"/>
        <source>&amp;Models:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="248"/>
        <source>Models the backend lists</source>
        <translation>后端列出的模型</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="249"/>
        <source>Load m&amp;odels</source>
        <translation>加载模型(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="250"/>
        <source>Load the model list from the backend</source>
        <translation>从后端加载模型列表</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="251"/>
        <source>Model list error</source>
        <translation>模型列表错误</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="252"/>
        <location filename="../ui/pages/backendspage.cpp" line="261"/>
        <source>Add instance</source>
        <translation>添加实例</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="253"/>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="254"/>
        <source>Type of the new instance</source>
        <translation>新实例的类型</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="255"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="256"/>
        <source>Name of the new instance</source>
        <translation>新实例的名称</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="257"/>
        <source>Base U&amp;RL:</source>
        <translation>基础 URL(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="258"/>
        <source>Base URL of the new instance (optional)</source>
        <translation>新实例的基础 URL（可选）</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="259"/>
        <source>optional: the type&apos;s default</source>
        <translation>可选：该类型的默认值</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="260"/>
        <source>Add &amp;instance</source>
        <translation>添加实例(&amp;I)</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="262"/>
        <source>Keys are added on the Credentials page; an instance without a key is not used.</source>
        <translation>密钥在“凭据”页面添加；没有密钥的实例不会被使用。</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="263"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="320"/>
        <source>not running</source>
        <translation>未运行</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="331"/>
        <source>circuit open until %1</source>
        <translation>熔断至 %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="332"/>
        <source>circuit open</source>
        <translation>已熔断</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="334"/>
        <source>probing after failures</source>
        <translation>故障后探测中</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="336"/>
        <source>healthy</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="339"/>
        <source>%1 of %2 keys ready</source>
        <translation>%1/%2 个密钥可用</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="371"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="371"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/backendspage.cpp" line="378"/>
        <source>%n key(s): %1</source>
        <translation>
            <numerusform>%n 个密钥：%1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="380"/>
        <source>none needed</source>
        <translation>无需密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="387"/>
        <source>none yet: add one on the Credentials page</source>
        <translation>暂无：请在“凭据”页面添加</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="422"/>
        <source>Enabled: %1</source>
        <translation>启用：%1</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="422"/>
        <source>URL: %1</source>
        <translation>URL：%1</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="435"/>
        <source>No instance selected.</source>
        <translation>未选择实例。</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="496"/>
        <source>No configuration to change.</source>
        <translation>没有可更改的配置。</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="499"/>
        <source>An instance named %1 exists already.</source>
        <translation>名为 %1 的实例已存在。</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="509"/>
        <source>Added %1. Add its key on the Credentials page.</source>
        <translation>已添加 %1。请在“凭据”页面添加其密钥。</translation>
    </message>
    <message>
        <location filename="../ui/pages/backendspage.cpp" line="522"/>
        <source>%1 is set in your config file or the environment; remove it there.</source>
        <translation>%1 是在配置文件或环境中设置的；请在那里删除。</translation>
    </message>
</context>
<context>
    <name>lip::ui::ClientsPage</name>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="54"/>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="356"/>
        <source>Point a coding agent or SDK at this proxy. OpenAI dialects use %1, Anthropic uses %2, Gemini uses %3. Models are written backend:model (e.g. openai:gpt-4o) or as a route name.</source>
        <translation>将编程代理或 SDK 指向此代理。OpenAI 方言使用 %1，Anthropic 使用 %2，Gemini 使用 %3。模型写作 backend:model（例如 openai:gpt-4o）或路由名称。</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="360"/>
        <source>Clients must send the proxy&apos;s client key (%1).</source>
        <translation>客户端必须发送代理的客户端密钥（%1）。</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="361"/>
        <source>The proxy has no client key: auth is off on loopback, so any non-empty key works (&quot;%1&quot; below).</source>
        <translation>代理没有客户端密钥：在环回地址上身份验证处于关闭状态，因此任何非空密钥均可使用（见下方的“%1”）。</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="390"/>
        <source>%1 (new file)</source>
        <translation>%1（新文件）</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="401"/>
        <source>(removed)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="403"/>
        <source>Already set to this value</source>
        <translation>已设置为此值</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="408"/>
        <source>%1 from %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="417"/>
        <source>No backups yet</source>
        <translation>暂无备份</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="423"/>
        <source>Copied to the clipboard.</source>
        <translation>已复制到剪贴板。</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="461"/>
        <source>%1 is already set up for this proxy; nothing to change.</source>
        <translation>%1 已为此代理配置好；无需更改。</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="467"/>
        <source>Apply to %1</source>
        <translation>应用到 %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="469"/>
        <source>These lines will change. Everything else in the files stays as it is; each file is backed up next to itself first.</source>
        <translation>以下行将被更改。文件中的其他内容保持不变；每个文件都会先在同一位置备份。</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="476"/>
        <source>Changes</source>
        <translation>更改</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="483"/>
        <source>&amp;Write files</source>
        <translation>写入文件(&amp;W)</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="485"/>
        <source>Write files</source>
        <translation>写入文件</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="491"/>
        <source>Nothing was changed.</source>
        <translation>未做任何更改。</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="501"/>
        <source>%1 changed while the dialog was open; nothing more was written. Apply again to see the new changes.</source>
        <translation>对话框打开期间 %1 已被更改；未再写入任何内容。请重新应用以查看新的更改。</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="514"/>
        <source>created %1</source>
        <translation>已创建 %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="515"/>
        <source>updated %1 (backup %2)</source>
        <translation>已更新 %1（备份：%2）</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="518"/>
        <source>Done: %1. Restart %2 to use the proxy.</source>
        <translation>完成：%1。请重新启动 %2 以使用代理。</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="529"/>
        <location filename="../ui/pages/clientspage.cpp" line="576"/>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="530"/>
        <source>Put back %1 as it was at %2? The current file is backed up first.</source>
        <translation>要将 %1 恢复为 %2 时的状态吗？当前文件会先被备份。</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="542"/>
        <source>Restored %1.</source>
        <translation>已恢复 %1。</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="543"/>
        <source>Restored %1 (the file it replaced is in %2).</source>
        <translation>已恢复 %1（被替换的文件位于 %2）。</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="557"/>
        <source>&amp;Model for the snippets:</source>
        <translation>代码片段使用的模型(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="558"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="559"/>
        <source>backend:model (for example openai:gpt-4o), or the name of a failover route</source>
        <translation>backend:model（例如 openai:gpt-4o），或故障转移路由的名称</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="560"/>
        <location filename="../ui/pages/clientspage.h" line="37"/>
        <source>Clients</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="561"/>
        <source>S&amp;ettings to copy</source>
        <translation>要复制的设置(&amp;E)</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="562"/>
        <source>Settings to copy</source>
        <translation>要复制的设置</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="563"/>
        <source>Show &amp;key</source>
        <translation>显示密钥(&amp;K)</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="564"/>
        <source>Show key</source>
        <translation>显示密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="565"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="566"/>
        <source>Copy settings</source>
        <translation>复制设置</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="567"/>
        <source>Config files</source>
        <translation>配置文件</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="568"/>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="568"/>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="568"/>
        <source>After Apply</source>
        <translation>应用后</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="569"/>
        <source>Settings the proxy manages</source>
        <translation>由代理管理的设置</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="570"/>
        <source>&amp;Apply…</source>
        <translation>应用(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="571"/>
        <source>Apply to config files</source>
        <translation>应用到配置文件</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="572"/>
        <source>Shows the changes first; each file is backed up before it is written</source>
        <translation>先显示更改；每个文件在写入前都会备份</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="573"/>
        <source>&amp;Backups:</source>
        <translation>备份(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="574"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="575"/>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../ui/pages/clientspage.cpp" line="577"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>lip::ui::CredentialsPage</name>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="60"/>
        <source>Credentials</source>
        <translation>凭据</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="168"/>
        <source>API keys per backend, in rotation order: when a key is rate-limited or rejected the next one is used. Keys you add here are kept in the system keychain only. Keys set by environment variables or a config file are listed read-only and come first.</source>
        <translation>每个后端的 API 密钥，按轮换顺序排列：当某个密钥被限流或被拒绝时，将使用下一个密钥。在此添加的密钥仅保存在系统钥匙串中。通过环境变量或配置文件设置的密钥以只读方式列出，并排在最前面。</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="171"/>
        <source>&amp;Backend:</source>
        <translation>后端(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="172"/>
        <source>Backend instance</source>
        <translation>后端实例</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="173"/>
        <source>Keys in rotation order</source>
        <translation>按轮换顺序排列的密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="174"/>
        <source>&amp;Add key…</source>
        <translation>添加密钥(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="174"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="174"/>
        <source>Re&amp;move</source>
        <translation>删除(&amp;M)</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="175"/>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="175"/>
        <source>Move d&amp;own</source>
        <translation>下移(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="175"/>
        <location filename="../ui/pages/credentialspage.cpp" line="409"/>
        <location filename="../ui/pages/credentialspage.cpp" line="566"/>
        <source>Re&amp;veal</source>
        <translation>显示(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="176"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="176"/>
        <source>&amp;Test</source>
        <translation>测试(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="176"/>
        <source>Import from e&amp;nvironment…</source>
        <translation>从环境变量导入(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="177"/>
        <source>Import .env &amp;file…</source>
        <translation>导入 .env 文件(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="179"/>
        <source>Add a key</source>
        <translation>添加密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="179"/>
        <source>Replace the selected key</source>
        <translation>替换所选密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="179"/>
        <source>Remove the selected key</source>
        <translation>删除所选密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="180"/>
        <source>Move the selected key up</source>
        <translation>上移所选密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="180"/>
        <source>Move the selected key down</source>
        <translation>下移所选密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="181"/>
        <source>Reveal the selected key</source>
        <translation>显示所选密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="181"/>
        <source>Copy the selected key</source>
        <translation>复制所选密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="182"/>
        <source>Test the selected key</source>
        <translation>测试所选密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="182"/>
        <source>Import keys from the environment</source>
        <translation>从环境变量导入密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="183"/>
        <location filename="../ui/pages/credentialspage.cpp" line="633"/>
        <source>Import keys from a .env file</source>
        <translation>从 .env 文件导入密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="188"/>
        <source>Waiting for the keychain</source>
        <translation>正在等待钥匙串</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="189"/>
        <source>Result of the last action</source>
        <translation>上一操作的结果</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="190"/>
        <source>Keychain status</source>
        <translation>钥匙串状态</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="192"/>
        <location filename="../ui/pages/credentialspage.cpp" line="571"/>
        <source>&amp;Hide</source>
        <translation>隐藏(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="200"/>
        <source>Checking the system keychain…</source>
        <translation>正在检查系统钥匙串…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="202"/>
        <source>The system keychain cannot be used (%1). Adding or changing keys here is disabled — keys are never stored in plain text. Keys from environment variables and config files still work.</source>
        <translation>无法使用系统钥匙串（%1）。已禁用在此添加或更改密钥——密钥绝不会以明文存储。来自环境变量和配置文件的密钥仍然有效。</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="206"/>
        <source>Keys are stored in the system keychain.</source>
        <translation>密钥保存在系统钥匙串中。</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="239"/>
        <source>no credential store</source>
        <translation>无凭据存储</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="245"/>
        <source>Checking the system keychain… (it may ask for your password)</source>
        <translation>正在检查系统钥匙串…（可能会要求输入密码）</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="294"/>
        <location filename="../ui/pages/credentialspage.cpp" line="679"/>
        <source>The keychain could not be read: %1</source>
        <translation>无法读取钥匙串：%1</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="306"/>
        <source>Stored, but the proxy could not use the new keys: %1</source>
        <translation>已保存，但代理无法使用新密钥：%1</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="313"/>
        <source>Saved. The proxy uses the keys now.</source>
        <translation>已保存。代理现在使用这些密钥。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/credentialspage.cpp" line="349"/>
        <source>%1 (%n key(s) in the keychain)</source>
        <translation>
            <numerusform>%1（钥匙串中有 %n 个密钥）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/credentialspage.cpp" line="350"/>
        <source>%1 (not configured yet; %n key(s) in the keychain)</source>
        <translation>
            <numerusform>%1（尚未配置；钥匙串中有 %n 个密钥）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="356"/>
        <source>%1 (no keys yet)</source>
        <translation>%1（暂无密钥）</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="454"/>
        <source>Storing key “%1” in the keychain…</source>
        <translation>正在将密钥“%1”保存到钥匙串…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="472"/>
        <source>Replacing key “%1”…</source>
        <translation>正在替换密钥“%1”…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="486"/>
        <source>Remove key</source>
        <translation>删除密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="487"/>
        <source>Remove the key “%1” of %2 from the keychain? The proxy stops using it at once.</source>
        <translation>要从钥匙串中删除 %2 的密钥“%1”吗？代理将立即停止使用它。</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="492"/>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="497"/>
        <source>Removing key “%1”…</source>
        <translation>正在删除密钥“%1”…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="521"/>
        <source>Saving the new order…</source>
        <translation>正在保存新顺序…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="541"/>
        <source>That key is no longer in the configuration.</source>
        <translation>该密钥已不在配置中。</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="547"/>
        <source>Reading key “%1” from the keychain… (it may ask for your password)</source>
        <translation>正在从钥匙串读取密钥“%1”…（可能会要求输入密码）</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="554"/>
        <source>Key “%1” could not be read: %2</source>
        <translation>无法读取密钥“%1”：%2</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="580"/>
        <source>Key “%1” copied to the clipboard.</source>
        <translation>密钥“%1”已复制到剪贴板。</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="605"/>
        <source>Testing key “%1” of %2…</source>
        <translation>正在测试 %2 的密钥“%1”…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="628"/>
        <source>the environment</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="636"/>
        <source>.env files (.env *.env)</source>
        <translation>.env 文件 (.env *.env)</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="636"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="648"/>
        <source>%1 is larger than %2 KiB; it is not a .env file.</source>
        <translation>%1 大于 %2 KiB；它不是 .env 文件。</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="652"/>
        <source>%1 could not be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="672"/>
        <source>Reading the keychain to compare…</source>
        <translation>正在读取钥匙串以进行比较…</translation>
    </message>
    <message>
        <location filename="../ui/pages/credentialspage.cpp" line="684"/>
        <source>Some lines of %1 were skipped:
%2</source>
        <translation>已跳过 %1 中的部分行：
%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/credentialspage.cpp" line="701"/>
        <source>Storing %n imported key(s)…</source>
        <translation>
            <numerusform>正在保存 %n 个导入的密钥…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/credentials/backendtesttext.cpp" line="14"/>
        <source>Key “%1” works: %2 ms, %n model(s) listed.</source>
        <translation>
            <numerusform>密钥“%1”可用：%2 毫秒，列出了 %n 个模型。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/credentials/backendtesttext.cpp" line="18"/>
        <source>no reason given</source>
        <translation>未给出原因</translation>
    </message>
    <message>
        <location filename="../ui/credentials/backendtesttext.cpp" line="20"/>
        <source>Key “%1” failed: HTTP %2 after %3 ms: %4</source>
        <translation>密钥“%1”失败：%3 毫秒后返回 HTTP %2：%4</translation>
    </message>
    <message>
        <location filename="../ui/credentials/backendtesttext.cpp" line="21"/>
        <source>Key “%1” could not be tested: %2</source>
        <translation>无法测试密钥“%1”：%2</translation>
    </message>
</context>
<context>
    <name>lip::ui::LogPage</name>
    <message>
        <location filename="../ui/pages/logpage.h" line="31"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="210"/>
        <source>C&amp;ategory:</source>
        <translation>类别(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="211"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="212"/>
        <source>Category filter</source>
        <translation>类别筛选</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="213"/>
        <source>&amp;Level:</source>
        <translation>级别(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="214"/>
        <source>Debug and above</source>
        <translation>调试及以上</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="215"/>
        <source>Info and above</source>
        <translation>信息及以上</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="216"/>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="217"/>
        <source>Errors only</source>
        <translation>仅错误</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="218"/>
        <source>Level filter</source>
        <translation>级别筛选</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="219"/>
        <source>&amp;Filter:</source>
        <translation>筛选(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="220"/>
        <source>text in the message or category</source>
        <translation>消息或类别中的文本</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="221"/>
        <source>Text filter</source>
        <translation>文本筛选</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="222"/>
        <source>Log lines</source>
        <translation>日志行</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="223"/>
        <source>&amp;Pause autoscroll</source>
        <translation>暂停自动滚动(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="224"/>
        <source>Pause autoscroll</source>
        <translation>暂停自动滚动</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="225"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="226"/>
        <source>Copy the shown log lines</source>
        <translation>复制显示的日志行</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="227"/>
        <source>Clea&amp;r</source>
        <translation>清除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/pages/logpage.cpp" line="228"/>
        <source>Clear the log view</source>
        <translation>清除日志视图</translation>
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
        <translation>页面</translation>
    </message>
</context>
<context>
    <name>lip::ui::OriginText</name>
    <message>
        <location filename="../ui/widgets/origintext.cpp" line="16"/>
        <source>Set by the environment variable %1, which wins over this page.</source>
        <translation>由环境变量 %1 设置，其优先于此页面。</translation>
    </message>
    <message>
        <location filename="../ui/widgets/origintext.cpp" line="20"/>
        <source>Set on the command line, which wins over this page.</source>
        <translation>在命令行上设置，其优先于此页面。</translation>
    </message>
    <message>
        <location filename="../ui/widgets/origintext.cpp" line="26"/>
        <source>Set in %1; a value saved here replaces it.</source>
        <translation>在 %1 中设置；在此保存的值将替换它。</translation>
    </message>
</context>
<context>
    <name>lip::ui::OverviewPage</name>
    <message>
        <location filename="../ui/pages/overviewpage.h" line="24"/>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="151"/>
        <source>Could not start: %1</source>
        <translation>无法启动：%1</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="153"/>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="153"/>
        <source>S&amp;tart</source>
        <translation>启动(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="154"/>
        <source>Stop the proxy</source>
        <translation>停止代理</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="154"/>
        <source>Start the proxy</source>
        <translation>启动代理</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="174"/>
        <source>not listening</source>
        <translation>未监听</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="183"/>
        <source>%1 answered, %2 in progress</source>
        <translation>已响应 %1，处理中 %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="184"/>
        <source>%1 answered</source>
        <translation>已响应 %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="198"/>
        <source>(proxy)</source>
        <translation>（代理）</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="206"/>
        <source>&amp;OpenAI base URL:</source>
        <translation>OpenAI 基础 URL(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="207"/>
        <source>OpenAI base URL</source>
        <translation>OpenAI 基础 URL</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="208"/>
        <location filename="../ui/pages/overviewpage.cpp" line="212"/>
        <location filename="../ui/pages/overviewpage.cpp" line="216"/>
        <location filename="../ui/pages/overviewpage.cpp" line="220"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="209"/>
        <source>Copy OpenAI base URL</source>
        <translation>复制 OpenAI 基础 URL</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="210"/>
        <source>A&amp;nthropic base URL:</source>
        <translation>Anthropic 基础 URL(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="211"/>
        <source>Anthropic base URL</source>
        <translation>Anthropic 基础 URL</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="213"/>
        <source>Copy Anthropic base URL</source>
        <translation>复制 Anthropic 基础 URL</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="214"/>
        <source>&amp;Gemini base URL:</source>
        <translation>Gemini 基础 URL(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="215"/>
        <source>Gemini base URL</source>
        <translation>Gemini 基础 URL</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="217"/>
        <source>Copy Gemini base URL</source>
        <translation>复制 Gemini 基础 URL</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="218"/>
        <source>Anthropic &amp;port:</source>
        <translation>Anthropic 端口(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="219"/>
        <source>Dedicated Anthropic address</source>
        <translation>专用 Anthropic 地址</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="221"/>
        <source>Copy dedicated Anthropic address</source>
        <translation>复制专用 Anthropic 地址</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="222"/>
        <source>Backends:</source>
        <translation>后端：</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="223"/>
        <source>Backends</source>
        <translation>后端</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="224"/>
        <source>Requests:</source>
        <translation>请求：</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="225"/>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="226"/>
        <source>Errors:</source>
        <translation>错误：</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="227"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="228"/>
        <source>Proxy state</source>
        <translation>代理状态</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="229"/>
        <source>Degraded</source>
        <translation>已降级</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="230"/>
        <source>&amp;Recent errors:</source>
        <translation>最近的错误(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="231"/>
        <source>Recent errors</source>
        <translation>最近的错误</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="232"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="232"/>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="232"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>lip::ui::RoutingPage</name>
    <message>
        <location filename="../ui/pages/routingpage.h" line="33"/>
        <source>Routing</source>
        <translation>路由</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="309"/>
        <location filename="../ui/pages/routingpage.cpp" line="311"/>
        <source>Default backend</source>
        <translation>默认后端</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="310"/>
        <source>&amp;Backend:</source>
        <translation>后端(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="312"/>
        <source>Used for a bare model name. Write backend or backend:model, e.g. openai:gpt-4o.</source>
        <translation>用于不带前缀的模型名称。请写作 backend 或 backend:model，例如 openai:gpt-4o。</translation>
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
        <translation>故障转移路由</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="318"/>
        <source>A request whose model is a route&apos;s name tries its elements in turn.</source>
        <translation>如果请求的模型是某个路由的名称，将依次尝试该路由的各个元素。</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="319"/>
        <source>Add &amp;route</source>
        <translation>添加路由(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="320"/>
        <source>Add route</source>
        <translation>添加路由</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="321"/>
        <source>Remo&amp;ve route</source>
        <translation>删除路由(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="322"/>
        <source>Remove route</source>
        <translation>删除路由</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="323"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="324"/>
        <source>Route name</source>
        <translation>路由名称</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="325"/>
        <source>&amp;Policy:</source>
        <translation>策略(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="326"/>
        <source>Route policy</source>
        <translation>路由策略</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="328"/>
        <source>ordered: each element once, with its first working key (same as m)</source>
        <translation>ordered：每个元素一次，使用其第一个可用密钥（与 m 相同）</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="329"/>
        <source>k: every key of the first element only</source>
        <translation>k：仅第一个元素的所有密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="330"/>
        <source>m: each element once, with its first working key</source>
        <translation>m：每个元素一次，使用其第一个可用密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="331"/>
        <source>km: every key of each element, element by element</source>
        <translation>km：逐个元素，使用每个元素的所有密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="332"/>
        <source>mk: key 1 of every element, then key 2, and so on</source>
        <translation>mk：先用每个元素的密钥 1，再用密钥 2，依此类推</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="336"/>
        <source>&amp;Elements:</source>
        <translation>元素(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="337"/>
        <source>Route elements, in the order they are tried</source>
        <translation>路由元素，按尝试顺序排列</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="338"/>
        <source>Drag to reorder, double-click to edit.</source>
        <translation>拖动可重新排序，双击可编辑。</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="339"/>
        <source>New element</source>
        <translation>新元素</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="340"/>
        <source>backend:model, e.g. anthropic:claude-sonnet-4-5</source>
        <translation>backend:model，例如 anthropic:claude-sonnet-4-5</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="341"/>
        <source>A&amp;dd element</source>
        <translation>添加元素(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="342"/>
        <source>Add element</source>
        <translation>添加元素</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="343"/>
        <source>Remove e&amp;lement</source>
        <translation>删除元素(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="344"/>
        <source>Remove element</source>
        <translation>删除元素</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="345"/>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="346"/>
        <source>Move element up</source>
        <translation>上移元素</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="347"/>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="348"/>
        <source>Move element down</source>
        <translation>下移元素</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="349"/>
        <source>Where the route comes from</source>
        <translation>路由的来源</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="350"/>
        <source>Route error</source>
        <translation>路由错误</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="351"/>
        <source>Default backend error</source>
        <translation>默认后端错误</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="352"/>
        <source>Where the default backend comes from</source>
        <translation>默认后端的来源</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="354"/>
        <location filename="../ui/pages/routingpage.cpp" line="356"/>
        <source>Model aliases</source>
        <translation>模型别名</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="355"/>
        <source>Alias</source>
        <translation>别名</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="355"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="357"/>
        <source>Add al&amp;ias</source>
        <translation>添加别名(&amp;I)</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="358"/>
        <source>Add alias</source>
        <translation>添加别名</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="359"/>
        <source>Remove alia&amp;s</source>
        <translation>删除别名(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="360"/>
        <source>Remove alias</source>
        <translation>删除别名</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="361"/>
        <source>Alias error</source>
        <translation>别名错误</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="363"/>
        <source>Model rewrites</source>
        <translation>模型重写</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="364"/>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="364"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="364"/>
        <source>Regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="364"/>
        <source>Client dialect</source>
        <translation>客户端方言</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="365"/>
        <source>Model rewrites, first match wins</source>
        <translation>模型重写，首个匹配项生效</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="366"/>
        <source>Add re&amp;write</source>
        <translation>添加重写(&amp;W)</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="367"/>
        <source>Add rewrite</source>
        <translation>添加重写</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="368"/>
        <source>Remove rewri&amp;te</source>
        <translation>删除重写(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="369"/>
        <source>Remove rewrite</source>
        <translation>删除重写</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="370"/>
        <source>Rewrite error</source>
        <translation>重写错误</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="372"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="373"/>
        <source>Re&amp;vert</source>
        <translation>还原(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="374"/>
        <source>Revert unsaved changes</source>
        <translation>还原未保存的更改</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="375"/>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="376"/>
        <source>Apply and save</source>
        <translation>应用并保存</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="378"/>
        <source>Saves to %1 and applies to the running proxy.</source>
        <translation>保存到 %1 并应用到正在运行的代理。</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="455"/>
        <source>The app&apos;s saved settings could not be read (%1); saving replaces them.</source>
        <translation>无法读取应用已保存的设置（%1）；保存时将替换它们。</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="519"/>
        <source>failover_routes: a route needs a name.</source>
        <translation>failover_routes：路由需要名称。</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="521"/>
        <source>failover_routes.%1: two routes have this name.</source>
        <translation>failover_routes.%1：有两个路由使用此名称。</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="524"/>
        <source>failover_routes.%1: a route needs at least one element.</source>
        <translation>failover_routes.%1：路由至少需要一个元素。</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="527"/>
        <source>failover_routes.%1: an element is empty.</source>
        <translation>failover_routes.%1：有一个元素为空。</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="535"/>
        <source>model_aliases: an alias needs a name.</source>
        <translation>model_aliases：别名需要名称。</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="537"/>
        <source>model_aliases.%1: two aliases have this name.</source>
        <translation>model_aliases.%1：有两个别名使用此名称。</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="540"/>
        <source>model_aliases.%1: needs the model it stands for.</source>
        <translation>model_aliases.%1：需要指定其代表的模型。</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="546"/>
        <source>model_rewrites[%1]: needs a pattern and a target.</source>
        <translation>model_rewrites[%1]：需要模式和目标。</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="548"/>
        <source>model_rewrites[%1].frontend: &apos;%2&apos; is not a client dialect (accepted: %3)</source>
        <translation>model_rewrites[%1].frontend：“%2”不是客户端方言（可接受：%3）</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="593"/>
        <location filename="../ui/pages/routingpage.cpp" line="594"/>
        <source>Fix the error above to apply.</source>
        <translation>请先修复上述错误再应用。</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="609"/>
        <source>Saved and applied.</source>
        <translation>已保存并应用。</translation>
    </message>
    <message>
        <location filename="../ui/pages/routingpage.cpp" line="792"/>
        <source>This route is set in your config file; edit it there to remove it.</source>
        <translation>此路由是在配置文件中设置的；请在那里编辑以删除它。</translation>
    </message>
</context>
<context>
    <name>lip::ui::SettingsPage</name>
    <message>
        <location filename="../ui/pages/settingspage.h" line="33"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="166"/>
        <source>New key generated. Save it to use it; clients then need it.</source>
        <translation>已生成新密钥。请保存后使用；之后客户端需要使用它。</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="194"/>
        <source>Saved; %1.</source>
        <translation>已保存；%1。</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="199"/>
        <source>Applied. The proxy listens on the new address.</source>
        <translation>已应用。代理正在新地址上监听。</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="201"/>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="270"/>
        <location filename="../ui/pages/settingspage.cpp" line="291"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="294"/>
        <source>Saved; the proxy is moving to the new address…</source>
        <translation>已保存；代理正在切换到新地址…</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="294"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="328"/>
        <source>Stored, but not applied: %1</source>
        <translation>已保存，但未应用：%1</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="337"/>
        <source>The keychain is not available.</source>
        <translation>钥匙串不可用。</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="341"/>
        <source>Generate or enter a key first.</source>
        <translation>请先生成或输入密钥。</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="349"/>
        <source>Not stored: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="353"/>
        <source>Stored in the keychain. Clients must now send this key.</source>
        <translation>已保存到钥匙串。客户端现在必须发送此密钥。</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="367"/>
        <source>Not removed: %1</source>
        <translation>未删除：%1</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="371"/>
        <source>Removed from the keychain.</source>
        <translation>已从钥匙串中删除。</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="378"/>
        <location filename="../ui/pages/settingspage.cpp" line="440"/>
        <source>Data directory</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="383"/>
        <source>The new data directory is used after a restart.</source>
        <translation>新的数据目录将在重新启动后使用。</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="409"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="410"/>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="411"/>
        <source>Listen address</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="412"/>
        <source>127.0.0.1 keeps the proxy private to this computer. Any other address needs a client key.</source>
        <translation>使用 127.0.0.1 时，代理仅供本机使用。其他任何地址都需要客户端密钥。</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="413"/>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="414"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="415"/>
        <source>&amp;Anthropic port:</source>
        <translation>Anthropic 端口(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="416"/>
        <source>Dedicated Anthropic port</source>
        <translation>专用 Anthropic 端口</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="417"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="418"/>
        <source>Appl&amp;y</source>
        <translation>应用(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="419"/>
        <source>Apply network settings</source>
        <translation>应用网络设置</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="420"/>
        <source>Network settings result</source>
        <translation>网络设置结果</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="422"/>
        <source>Client key</source>
        <translation>客户端密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="423"/>
        <source>Clients send this key (as the API key of their SDK) to use the proxy. Stored in the system keychain. Without any key, only this computer can connect.</source>
        <translation>客户端发送此密钥（作为其 SDK 的 API 密钥）以使用代理。保存在系统钥匙串中。如果没有密钥，只有本机可以连接。</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="425"/>
        <source>Proxy client key</source>
        <translation>代理客户端密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="426"/>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="427"/>
        <source>Generate a new client key</source>
        <translation>生成新的客户端密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="428"/>
        <source>H&amp;ide</source>
        <translation>隐藏(&amp;I)</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="428"/>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="429"/>
        <source>Hide the client key</source>
        <translation>隐藏客户端密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="429"/>
        <source>Show the client key</source>
        <translation>显示客户端密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="430"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="431"/>
        <source>Copy the client key</source>
        <translation>复制客户端密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="432"/>
        <source>Sa&amp;ve</source>
        <translation>保存(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="433"/>
        <source>Save the client key in the keychain</source>
        <translation>将客户端密钥保存到钥匙串</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="434"/>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="435"/>
        <source>Remove the client key from the keychain</source>
        <translation>从钥匙串中删除客户端密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="436"/>
        <source>Client key result</source>
        <translation>客户端密钥结果</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="438"/>
        <source>Application</source>
        <translation>应用程序</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="439"/>
        <source>&amp;Data directory:</source>
        <translation>数据目录(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="441"/>
        <source>Cha&amp;nge…</source>
        <translation>更改(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="442"/>
        <source>Change the data directory</source>
        <translation>更改数据目录</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="443"/>
        <source>Usage records, captures and the credential index live here. A change takes effect after a restart.</source>
        <translation>使用记录、抓包数据和凭据索引保存在此处。更改将在重新启动后生效。</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="445"/>
        <source>Start at l&amp;ogin</source>
        <translation>登录时启动(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="446"/>
        <source>Start at login</source>
        <translation>登录时启动</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="447"/>
        <source>Start hidden in the &amp;tray</source>
        <translation>启动时隐藏到系统托盘(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="448"/>
        <source>Start hidden in the tray</source>
        <translation>启动时隐藏到系统托盘</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="449"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="450"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="451"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="452"/>
        <source>Application settings result</source>
        <translation>应用程序设置结果</translation>
    </message>
</context>
<context>
    <name>lip::ui::TrayIcon</name>
    <message>
        <location filename="../ui/trayicon.cpp" line="115"/>
        <source>LLM Interactive Proxy</source>
        <translation>LLM Interactive Proxy</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="116"/>
        <source>The proxy keeps running. Use the tray icon to show the window or to quit.</source>
        <translation>代理将继续运行。使用托盘图标可显示窗口或退出。</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="131"/>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="131"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="167"/>
        <location filename="../ui/trayicon.cpp" line="178"/>
        <source>Default backend not changed</source>
        <translation>默认后端未更改</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="173"/>
        <source>another setting</source>
        <translation>其他设置</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="174"/>
        <source>Saved, but %1 sets the default backend (%2), and it takes precedence.</source>
        <translation>已保存，但 %1 设置了默认后端（%2），且优先级更高。</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="205"/>
        <source>Backend unavailable</source>
        <translation>后端不可用</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="206"/>
        <source>%1 failed repeatedly; requests skip it until it recovers.</source>
        <translation>%1 多次失败；在其恢复之前，请求将跳过它。</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="208"/>
        <source>Backend recovered</source>
        <translation>后端已恢复</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="208"/>
        <source>%1 answers again.</source>
        <translation>%1 已恢复响应。</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="213"/>
        <source>API key refused</source>
        <translation>API 密钥被拒绝</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="214"/>
        <source>%1 refused the key &quot;%2&quot; (HTTP %3). Replace it on the Credentials page.</source>
        <translation>%1 拒绝了密钥“%2”（HTTP %3）。请在“凭据”页面替换它。</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="221"/>
        <source>Sign in again</source>
        <translation>重新登录</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="222"/>
        <source>The account %1 must sign in again: %2</source>
        <translation>账户 %1 必须重新登录：%2</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="234"/>
        <source>&amp;Copy base URL</source>
        <translation>复制基础 URL(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="235"/>
        <source>&amp;OpenAI (…/v1)</source>
        <translation>OpenAI (…/v1)(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="236"/>
        <source>&amp;Anthropic</source>
        <translation>Anthropic(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="237"/>
        <source>&amp;Gemini</source>
        <translation>Gemini(&amp;G)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="238"/>
        <source>&amp;Default backend</source>
        <translation>默认后端(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="239"/>
        <source>&amp;Open window</source>
        <translation>打开窗口(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="240"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>lip::ui::clients</name>
    <message>
        <location filename="../ui/clients/clientfiles.cpp" line="26"/>
        <location filename="../ui/clients/clientfiles.cpp" line="29"/>
        <location filename="../ui/clients/clientfiles.cpp" line="32"/>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientfiles.cpp" line="47"/>
        <source>%1 is not a file</source>
        <translation>%1 不是文件</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientfiles.cpp" line="51"/>
        <source>%1 is too large to be a settings file</source>
        <translation>%1 太大，不是设置文件</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientfiles.cpp" line="56"/>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientfiles.cpp" line="94"/>
        <source>cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientfiles.cpp" line="135"/>
        <source>the backup %1 no longer exists</source>
        <translation>备份 %1 已不存在</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="104"/>
        <source>%1 is not valid JSON (%2); fix it first, nothing was changed</source>
        <translation>%1 不是有效的 JSON（%2）；请先修复，未做任何更改</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="115"/>
        <location filename="../ui/clients/clientprofiles.cpp" line="127"/>
        <location filename="../ui/clients/clientprofiles.cpp" line="136"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="172"/>
        <source>Claude Code</source>
        <translation>Claude Code</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="173"/>
        <source>Anthropic&apos;s coding agent. Speaks the Anthropic Messages API; settings go in the env block of its settings.json.</source>
        <translation>Anthropic 的编程代理。使用 Anthropic Messages API；设置写入其 settings.json 的 env 块中。</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="175"/>
        <source>Codex CLI</source>
        <translation>Codex CLI</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="176"/>
        <source>OpenAI&apos;s coding agent. Speaks the OpenAI Responses API; the proxy is added as a model provider in config.toml.</source>
        <translation>OpenAI 的编程代理。使用 OpenAI Responses API；代理会作为模型提供商添加到 config.toml 中。</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="178"/>
        <source>Gemini CLI</source>
        <translation>Gemini CLI</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="179"/>
        <source>Google&apos;s coding agent. Speaks the Gemini API; the base URL and key go in ~/.gemini/.env, API-key sign-in in settings.json.</source>
        <translation>Google 的编程代理。使用 Gemini API；基础 URL 和密钥写入 ~/.gemini/.env，API 密钥登录方式写入 settings.json。</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="181"/>
        <source>OpenAI SDK (Python / JS)</source>
        <translation>OpenAI SDK (Python / JS)</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="182"/>
        <source>The official openai packages: Chat Completions and Responses.</source>
        <translation>官方 openai 软件包：Chat Completions 和 Responses。</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="183"/>
        <source>Anthropic SDK (Python / JS)</source>
        <translation>Anthropic SDK (Python / JS)</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="184"/>
        <source>The official anthropic packages: Messages.</source>
        <translation>官方 anthropic 软件包：Messages。</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="185"/>
        <source>Gemini SDK (@google/genai)</source>
        <translation>Gemini SDK (@google/genai)</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="186"/>
        <source>Google&apos;s Gen AI SDK for JavaScript and Python: generateContent.</source>
        <translation>Google 的 Gen AI SDK（JavaScript 和 Python）：generateContent。</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="187"/>
        <source>Any OpenAI-compatible tool</source>
        <translation>任何兼容 OpenAI 的工具</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="188"/>
        <source>Editors, chat apps and libraries that let you set an OpenAI base URL and key.</source>
        <translation>允许设置 OpenAI 基础 URL 和密钥的编辑器、聊天应用和库。</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="268"/>
        <source># The key is the proxy&apos;s client key (LLM_INTERACTIVE_PROXY_API_KEY), not a provider key.</source>
        <translation># 该密钥是代理的客户端密钥（LLM_INTERACTIVE_PROXY_API_KEY），而不是提供商密钥。</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="269"/>
        <source># The proxy has no client key: auth is off on loopback, any non-empty key works.</source>
        <translation># 代理没有客户端密钥：在环回地址上身份验证处于关闭状态，任何非空密钥均可使用。</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="272"/>
        <source># ~/.claude/settings.json (or $CLAUDE_CONFIG_DIR/settings.json)</source>
        <translation># ~/.claude/settings.json（或 $CLAUDE_CONFIG_DIR/settings.json）</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="276"/>
        <location filename="../ui/clients/clientprofiles.cpp" line="299"/>
        <source># or, for one shell:</source>
        <translation># 或者，仅用于当前 shell：</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="286"/>
        <source># ~/.codex/config.toml (or $CODEX_HOME/config.toml)</source>
        <translation># ~/.codex/config.toml（或 $CODEX_HOME/config.toml）</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="288"/>
        <source># in the shell that runs codex:</source>
        <translation># 在运行 codex 的 shell 中：</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="294"/>
        <source># ~/.gemini/.env</source>
        <translation># ~/.gemini/.env</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="297"/>
        <source># ~/.gemini/settings.json: sign in with an API key</source>
        <translation># ~/.gemini/settings.json：使用 API 密钥登录</translation>
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
        <translation># 或者通过环境变量：</translation>
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
        <translation># 适用于任何兼容 OpenAI 的工具的设置</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="343"/>
        <source>Base URL: %1</source>
        <translation>基础 URL：%1</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="343"/>
        <source>API key:  %1</source>
        <translation>API 密钥：%1</translation>
    </message>
    <message>
        <location filename="../ui/clients/clientprofiles.cpp" line="344"/>
        <source>Model:    %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="47"/>
        <source>expected &apos;{&apos; at the start of the document</source>
        <translation>文档开头应为 &apos;{&apos;</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="54"/>
        <source>unexpected text after the end of the document</source>
        <translation>文档结束后有多余的文本</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="89"/>
        <source>line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="105"/>
        <source>unterminated comment</source>
        <translation>注释未结束</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="129"/>
        <source>control character in a string</source>
        <translation>字符串中有控制字符</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="146"/>
        <location filename="../ui/clients/jsonpatch.cpp" line="150"/>
        <source>bad \u escape</source>
        <translation>无效的 \u 转义</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="158"/>
        <source>bad escape in a string</source>
        <translation>字符串中有无效的转义</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="165"/>
        <source>unterminated string</source>
        <translation>字符串未结束</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="187"/>
        <source>unexpected character</source>
        <translation>意外的字符</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="194"/>
        <source>nested too deeply</source>
        <translation>嵌套过深</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="199"/>
        <source>unexpected end of the document</source>
        <translation>文档意外结束</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="215"/>
        <source>unterminated array</source>
        <translation>数组未结束</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="220"/>
        <location filename="../ui/clients/jsonpatch.cpp" line="280"/>
        <source>trailing comma</source>
        <translation>末尾多余的逗号</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="227"/>
        <source>expected &apos;,&apos; or &apos;]&apos;</source>
        <translation>应为 &apos;,&apos; 或 &apos;]&apos;</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="249"/>
        <source>expected a member name in quotes</source>
        <translation>应为带引号的成员名称</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="259"/>
        <source>expected &apos;:&apos;</source>
        <translation>应为 &apos;:&apos;</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="275"/>
        <source>unterminated object</source>
        <translation>对象未结束</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="287"/>
        <source>expected &apos;,&apos; or &apos;}&apos;</source>
        <translation>应为 &apos;,&apos; 或 &apos;}&apos;</translation>
    </message>
    <message>
        <location filename="../ui/clients/jsonpatch.cpp" line="449"/>
        <source>empty setting path</source>
        <translation>设置路径为空</translation>
    </message>
    <message>
        <location filename="../ui/clients/tomlpatch.cpp" line="231"/>
        <source>line %1: the value of &quot;%2&quot; is not closed</source>
        <translation>第 %1 行：“%2”的值未结束</translation>
    </message>
    <message>
        <location filename="../ui/clients/tomlpatch.cpp" line="367"/>
        <source>line %1: [%2] is written as a key of [%3]; edit it by hand or remove it</source>
        <translation>第 %1 行：[%2] 被写成了 [%3] 的键；请手动编辑或删除它</translation>
    </message>
    <message>
        <location filename="../ui/clients/tomlpatch.cpp" line="378"/>
        <source>line %1: [%2] is set with the top-level key &quot;%3&quot;; edit it by hand or remove it</source>
        <translation>第 %1 行：[%2] 是通过顶层键“%3”设置的；请手动编辑或删除它</translation>
    </message>
</context>
<context>
    <name>lip::ui::credentials::AccountListModel</name>
    <message>
        <location filename="../ui/credentials/accountlistmodel.cpp" line="43"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../ui/credentials/accountlistmodel.cpp" line="44"/>
        <source>sign-in needed</source>
        <translation>需要登录</translation>
    </message>
    <message>
        <location filename="../ui/credentials/accountlistmodel.cpp" line="44"/>
        <source>sign-in needed: %1</source>
        <translation>需要登录：%1</translation>
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
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../ui/credentials/accountlistmodel.cpp" line="79"/>
        <source>Plan</source>
        <translation>套餐</translation>
    </message>
    <message>
        <location filename="../ui/credentials/accountlistmodel.cpp" line="81"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/credentials/accountlistmodel.cpp" line="83"/>
        <source>Token expires</source>
        <translation>令牌过期时间</translation>
    </message>
</context>
<context>
    <name>lip::ui::credentials::DeviceCodeDialog</name>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="21"/>
        <source>Sign in to %1</source>
        <translation>登录 %1</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="24"/>
        <source>Open the page below, sign in, and enter this code:</source>
        <translation>请打开下方页面，登录并输入此代码：</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="31"/>
        <source>Code to enter</source>
        <translation>要输入的代码</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="37"/>
        <source>&amp;Copy code</source>
        <translation>复制代码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="39"/>
        <source>Copy the code</source>
        <translation>复制代码</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="54"/>
        <source>Verification page</source>
        <translation>验证页面</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="65"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="73"/>
        <source>&amp;Cancel sign-in</source>
        <translation>取消登录(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="97"/>
        <source>Waiting for you to enter the code…</source>
        <translation>正在等待您输入代码…</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="102"/>
        <source>The code has expired. Cancel and sign in again.</source>
        <translation>代码已过期。请取消并重新登录。</translation>
    </message>
    <message>
        <location filename="../ui/credentials/devicecodedialog.cpp" line="106"/>
        <source>The code expires in %1:%2.</source>
        <translation>代码将在 %1:%2 后过期。</translation>
    </message>
</context>
<context>
    <name>lip::ui::credentials::ImportPreviewDialog</name>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="98"/>
        <source>Import keys from %1</source>
        <translation>从%1导入密钥</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="101"/>
        <source>No API key of a known backend was found in %1.</source>
        <translation>在%1中未找到已知后端的 API 密钥。</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="102"/>
        <source>These keys were found in %1. Nothing is stored until you confirm.</source>
        <translation>在%1中找到以下密钥。在您确认之前不会保存任何内容。</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="109"/>
        <source>Keys to import</source>
        <translation>要导入的密钥</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="110"/>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="110"/>
        <source>Alias</source>
        <translation>别名</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="110"/>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="110"/>
        <source>Effect</source>
        <translation>效果</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="120"/>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="123"/>
        <source>replaces</source>
        <translation>替换</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="126"/>
        <source>same (already stored)</source>
        <translation>相同（已保存）</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/credentials/keydialogs.cpp" line="142"/>
        <source>%n variable(s) ignored (not an API key of a known backend): %1</source>
        <translation>
            <numerusform>已忽略 %n 个变量（不是已知后端的 API 密钥）：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/credentials/keydialogs.cpp" line="151"/>
        <source>&amp;Store %n key(s)</source>
        <translation>
            <numerusform>保存 %n 个密钥(&amp;S)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lip::ui::credentials::KeyEditDialog</name>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="23"/>
        <source>Replace key “%1” of %2</source>
        <translation>替换 %2 的密钥“%1”</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="24"/>
        <source>Add a key to %1</source>
        <translation>向 %1 添加密钥</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="28"/>
        <source>Alias</source>
        <translation>别名</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="29"/>
        <source>work, personal, team-2 …</source>
        <translation>工作、个人、team-2 …</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="34"/>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="36"/>
        <source>Paste the key</source>
        <translation>粘贴密钥</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="37"/>
        <source>&amp;Alias:</source>
        <translation>别名(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="39"/>
        <source>&amp;Key:</source>
        <translation>密钥(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="47"/>
        <source>&amp;Replace</source>
        <translation>替换(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="47"/>
        <source>&amp;Store</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="76"/>
        <source>Give the key an alias (it names the key in logs and statistics).</source>
        <translation>请为密钥指定别名（用于在日志和统计中标识该密钥）。</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="78"/>
        <source>The alias %1.</source>
        <translation>别名无效：%1。</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="80"/>
        <source>This backend already has a key named “%1”; use Edit to replace it.</source>
        <translation>此后端已有名为“%1”的密钥；请使用“编辑”来替换它。</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keydialogs.cpp" line="82"/>
        <source>Paste the key.</source>
        <translation>请粘贴密钥。</translation>
    </message>
</context>
<context>
    <name>lip::ui::credentials::KeyListModel</name>
    <message>
        <location filename="../ui/credentials/keylistmodel.cpp" line="72"/>
        <source>keychain</source>
        <translation>钥匙串</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keylistmodel.cpp" line="76"/>
        <source>Set outside the app (%1); read-only here.</source>
        <translation>在应用外部设置（%1）；此处为只读。</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keylistmodel.cpp" line="86"/>
        <source>Alias</source>
        <translation>别名</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keylistmodel.cpp" line="88"/>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location filename="../ui/credentials/keylistmodel.cpp" line="90"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
</context>
</TS>
