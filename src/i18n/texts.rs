//! Every text of the interface in the three languages, one row per text, so a translation can never be missing or
//! put in the wrong row. `{name}` marks a value filled in by [`super::fill`]; each language uses the same names.

use crate::locale::Lang;

macro_rules! texts {
    ($($(#[$doc:meta])* $key:ident: $en:literal | $zh:literal | $pt:literal,)*) => {
        /// A text of the interface. [`Text::get`] gives it in a language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Text { $($(#[$doc])* $key,)* }

        impl Text {
            /// Every text, for the tests that check each language.
            pub const ALL: &'static [Text] = &[$(Text::$key,)*];
        }

        const EN: &[&str] = &[$($en,)*];
        const ZH: &[&str] = &[$($zh,)*];
        const PT: &[&str] = &[$($pt,)*];
    };
}

impl Text {
    /// This text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        let table = match lang {
            Lang::En => EN,
            Lang::Zh => ZH,
            Lang::Pt => PT,
        };
        // Every table has one entry per variant, in the same order (the macro writes them together).
        table.get(self as usize).copied().unwrap_or_default()
    }
}

texts! {
    AppName: "Customer Accounts" | "客户帐户" | "Contas de clientes",
    DisplayLanguage: "Display language" | "显示语言" | "Idioma de exibição",
    SkipToMain: "Skip to main content" | "跳到主要内容" | "Pular para o conteúdo principal",
    Dismiss: "Dismiss" | "关闭" | "Dispensar",

    // List
    Customers: "Customers" | "客户" | "Clientes",
    AddCustomer: "Add customer" | "添加客户" | "Adicionar cliente",
    SearchCustomers: "Search customers" | "搜索客户" | "Pesquisar clientes",
    SearchPlaceholder: "Company name or domain" | "公司名称或域名" | "Nome da empresa ou domínio",
    ColCompanyName: "Company name" | "公司名称" | "Nome da empresa",
    ColDomain: "Primary domain name" | "主域名" | "Nome de domínio primário",
    ColCountry: "Country/region" | "国家/地区" | "País/região",
    ColRelationship: "Relationship" | "关系" | "Relação",
    EmptyTitle: "No customers yet" | "还没有客户" | "Ainda não há clientes",
    EmptyText: "Add your first customer to keep their account details here, in this browser."
        | "添加第一个客户，即可在此浏览器中保存其帐户详细信息。"
        | "Adicione seu primeiro cliente para manter os detalhes da conta dele aqui, neste navegador.",
    EmptyAction: "Add your first customer" | "添加第一个客户" | "Adicionar seu primeiro cliente",
    Pages: "Pages" | "分页" | "Páginas",
    RowsPerPage: "Rows per page" | "每页行数" | "Linhas por página",
    FirstPage: "First page" | "第一页" | "Primeira página",
    PreviousPage: "Previous page" | "上一页" | "Página anterior",
    NextPage: "Next page" | "下一页" | "Próxima página",
    LastPage: "Last page" | "最后一页" | "Última página",
    PageOf: "Page {page} of {pages}" | "第 {page} 页，共 {pages} 页" | "Página {page} de {pages}",
    // Its own text for none: CLDR puts 0 in Portuguese's "one", and "0 cliente" reads as a mistake.
    CustomersNone: "No customers" | "没有客户" | "Nenhum cliente",
    CustomersOne: "{count} customer" | "{count} 位客户" | "{count} cliente",
    CustomersOther: "{count} customers" | "{count} 位客户" | "{count} clientes",
    ShowingOne: "Showing {shown} of {total} customer" | "显示 {shown} 位客户，共 {total} 位" | "Mostrando {shown} de {total} cliente",
    ShowingOther: "Showing {shown} of {total} customers" | "显示 {shown} 位客户，共 {total} 位" | "Mostrando {shown} de {total} clientes",
    NoMatch: "No customers match “{query}”." | "没有与“{query}”匹配的客户。" | "Nenhum cliente corresponde a “{query}”.",

    // Add
    AccountInfo: "Account info" | "帐户信息" | "Informações da conta",
    CompanyDetails: "Company details" | "公司详细信息" | "Detalhes da empresa",
    PrimaryContact: "Primary contact" | "主要联系人" | "Contato principal",
    BillingAddress: "Billing address" | "帐单地址" | "Endereço de cobrança",
    NextReview: "Next: Review" | "下一步：查看" | "Próximo: Revisar",
    Review: "Review" | "查看" | "Revisar",
    ReviewIntro: "Check the details. The domain can't be changed after the customer is created."
        | "请检查详细信息。创建客户后，域名将无法更改。"
        | "Verifique os detalhes. O domínio não pode ser alterado depois que o cliente for criado.",
    Back: "Back" | "返回" | "Voltar",
    Submit: "Submit" | "提交" | "Enviar",
    CustomerAdded: "Customer added" | "已添加客户" | "Cliente adicionado",
    AdminUserName: "Admin user name" | "管理员用户名" | "Nome de usuário do administrador",
    TemporaryPassword: "Temporary password" | "临时密码" | "Senha temporária",
    PasswordOnce: "Give these sign-in details to the customer's admin now: the password is shown only this once and is not stored."
        | "请立即将这些登录信息交给客户的管理员：密码仅显示这一次，不会被保存。"
        | "Entregue agora estes dados de acesso ao administrador do cliente: a senha é mostrada só desta vez e não é armazenada.",
    Done: "Done" | "完成" | "Concluído",
    Optional: "Optional" | "可选" | "Opcional",
    SelectState: "Select a state or province" | "选择州或省" | "Selecione um estado ou província",
    DomainAvailable: "{domain} is available." | "{domain} 可用。" | "{domain} está disponível.",
    DomainSuffixHint: "The domain will end in {suffix}. It can't be changed later."
        | "域名将以 {suffix} 结尾，以后无法更改。"
        | "O domínio terminará em {suffix}. Ele não pode ser alterado depois.",
    Breadcrumb: "Breadcrumb" | "导航路径" | "Trilha de navegação",

    // Details
    Account: "Account" | "帐户" | "Conta",
    MicrosoftId: "Microsoft ID" | "Microsoft ID" | "ID da Microsoft",
    Domain: "Domain" | "域名" | "Domínio",
    Relationship: "Relationship" | "关系" | "Relação",
    Created: "Created" | "创建时间" | "Criado em",
    Updated: "Last updated" | "上次更新时间" | "Última atualização",
    Name: "Name" | "姓名" | "Nome",
    Edit: "Edit" | "编辑" | "Editar",
    NotProvided: "Not provided" | "未提供" | "Não informado",

    // Edit
    EditHeading: "Edit account details: {company}" | "编辑帐户详细信息：{company}" | "Editar detalhes da conta: {company}",
    Cancel: "Cancel" | "取消" | "Cancelar",
    DomainReadOnly: "The domain can't be changed." | "域名无法更改。" | "O domínio não pode ser alterado.",
    LeaveUnsaved: "You have unsaved changes. Leave this page and discard them?"
        | "你有未保存的更改。要离开此页面并放弃这些更改吗？"
        | "Você tem alterações não salvas. Sair desta página e descartá-las?",
    Saved: "Changes saved." | "已保存更改。" | "Alterações salvas.",

    // Not found
    NotFoundTitle: "Page not found" | "找不到页面" | "Página não encontrada",
    NotFoundText: "There is no page or customer at this address. It may have been removed."
        | "此地址没有页面或客户。它可能已被删除。"
        | "Não há página nem cliente neste endereço. Talvez tenha sido removido.",
    CustomerNotFoundTitle: "Customer not found" | "找不到客户" | "Cliente não encontrado",
    PageNotLoadedTitle: "This page could not be loaded" | "无法加载此页面" | "Não foi possível carregar esta página",
    PageNotLoadedText: "Check the network connection, then try again. Your customers are safe in this browser."
        | "请检查网络连接，然后重试。你的客户仍安全地保存在此浏览器中。"
        | "Verifique a conexão de rede e tente novamente. Seus clientes estão seguros neste navegador.",
    TryAgain: "Try again" | "重试" | "Tentar novamente",
    OlderNotRead: "Some customers saved by an older version of this app are not listed yet: the part of the app that reads them did not load. They are kept as they were. Reload the page to read them."
        | "部分由此应用旧版本保存的客户尚未列出：读取它们的应用部分未能加载。它们保持原样。请重新加载页面以读取它们。"
        | "Alguns clientes salvos por uma versão anterior deste app ainda não estão listados: a parte do app que os lê não foi carregada. Eles foram mantidos como estavam. Recarregue a página para lê-los.",
    ActionNotLoaded: "This action could not be loaded, so nothing was done. Check the network connection, then try again."
        | "无法加载此操作，因此未执行任何操作。请检查网络连接，然后重试。"
        | "Não foi possível carregar esta ação, então nada foi feito. Verifique a conexão de rede e tente novamente.",

    FormProblemsOne: "There is {count} problem. Fix the field marked below."
        | "有 {count} 个问题。请修正下面标出的字段。"
        | "Há {count} problema. Corrija o campo marcado abaixo.",
    FormProblemsOther: "There are {count} problems. Fix the fields marked below."
        | "有 {count} 个问题。请修正下面标出的字段。"
        | "Há {count} problemas. Corrija os campos marcados abaixo.",

    // Field labels
    FieldCompanyName: "Company name" | "公司名称" | "Nome da empresa",
    FieldDomainPrefix: "Domain prefix" | "域前缀" | "Prefixo de domínio",
    FieldCountry: "Country/region" | "国家/地区" | "País/região",
    FieldAddressLine1: "Address line 1" | "地址行 1" | "Linha de endereço 1",
    FieldAddressLine2: "Address line 2" | "地址行 2" | "Linha de endereço 2",
    FieldCity: "City" | "城市" | "Cidade",
    FieldState: "State or province" | "州或省" | "Estado ou província",
    FieldPostalCode: "Postal code" | "邮政编码" | "Código postal",
    FieldFirstName: "First name" | "名字" | "Nome",
    FieldLastName: "Last name" | "姓氏" | "Sobrenome",
    FieldEmail: "Email" | "电子邮件" | "Email",
    FieldPhone: "Phone" | "电话号码" | "Telefone",
    FieldLanguage: "Language" | "语言" | "Idioma",
    FieldOrgNumber: "Organization registration number" | "组织注册号" | "Número de registro da organização",

    // Field errors
    ErrEnter: "Enter the {label}." | "请输入{label}。" | "Preencha “{label}”.",
    ErrSelect: "Select a {label}." | "请选择{label}。" | "Selecione um valor em “{label}”.",
    ErrTooLong: "{label} can be at most {max} characters." | "{label}最多可包含 {max} 个字符。" | "“{label}” pode ter no máximo {max} caracteres.",
    ErrControl: "{label} can't contain line breaks or tabs." | "{label}不能包含换行符或制表符。" | "“{label}” não pode conter quebras de linha nem tabulações.",
    ErrDomainShape: "Use 1 to 27 letters (a–z) or digits, with no spaces, dots or hyphens."
        | "请使用 1 到 27 个字母（a–z）或数字，不含空格、点或连字符。"
        | "Use de 1 a 27 letras (a–z) ou dígitos, sem espaços, pontos nem hifens.",
    ErrDomainTaken: "{domain} is already in use. Choose another domain prefix."
        | "{domain} 已被使用。请选择其他域前缀。"
        | "{domain} já está em uso. Escolha outro prefixo de domínio.",
    ErrEmail: "Enter an email address like name@contoso.com."
        | "请输入电子邮件地址，例如 name@contoso.com。"
        | "Informe um endereço de email como nome@contoso.com.",
    ErrUnknownCountry: "Select a country or region from the list." | "请从列表中选择国家或地区。" | "Selecione um país ou região da lista.",
    ErrUnknownState: "Select a state or province from the list." | "请从列表中选择州或省。" | "Selecione um estado ou província da lista.",
    ErrPostalExample: "Enter a postal code in this country's format, for example {example}."
        | "请按此国家/地区的格式输入邮政编码，例如 {example}。"
        | "Informe um código postal no formato deste país, por exemplo {example}.",
    ErrPostal: "Enter a valid postal code." | "请输入有效的邮政编码。" | "Informe um código postal válido.",
    ErrPhone: "Enter a phone number of 6 to 15 digits, for example +86 10 5869 6000."
        | "请输入 6 到 15 位数字的电话号码，例如 +86 10 5869 6000。"
        | "Informe um telefone de 6 a 15 dígitos, por exemplo +86 10 5869 6000.",
    ErrLanguage: "Select a language offered for this country." | "请选择此国家/地区提供的语言。" | "Selecione um idioma oferecido para este país.",

    // Relationships
    RelNone: "None" | "无" | "Nenhuma",
    RelReseller: "Reseller" | "经销商" | "Revendedor",
    RelAdvisor: "Advisor" | "顾问" | "Consultor",
    RelSyndication: "Syndication" | "联合" | "Distribuição",
    RelMicrosoftSupport: "Microsoft support" | "Microsoft 支持" | "Suporte da Microsoft",

    // Storage
    StorageFull: "Nothing was saved: this browser's storage for the app is full. Export your customers and remove the ones you no longer need (or other data of this site), then submit again. Your entries are kept."
        | "未保存任何内容：此浏览器为本应用提供的存储空间已满。请导出客户并删除不再需要的客户（或此网站的其他数据），然后再次提交。你输入的内容已保留。"
        | "Nada foi salvo: o armazenamento deste navegador para o app está cheio. Exporte seus clientes e remova os que não precisa mais (ou outros dados deste site) e envie novamente. O que você digitou foi mantido.",
    StorageUnavailable: "Nothing was saved: this browser blocks storage for the app. Your entries are kept."
        | "未保存任何内容：此浏览器阻止了本应用使用存储。你输入的内容已保留。"
        | "Nada foi salvo: este navegador bloqueia o armazenamento para o app. O que você digitou foi mantido.",
    StorageFailed: "Nothing was saved: the browser refused to store it ({detail}). Your entries are kept."
        | "未保存任何内容：浏览器拒绝存储（{detail}）。你输入的内容已保留。"
        | "Nada foi salvo: o navegador se recusou a armazenar ({detail}). O que você digitou foi mantido.",
    StorageBlockedRecord: "Nothing was saved: an unreadable stored record is kept where this customer would be stored. Use “Download unreadable records”, then “Discard unreadable records”, and submit again. Your entries are kept."
        | "未保存任何内容：此客户的存储位置保留着一条无法读取的记录。请使用“下载无法读取的记录”，再使用“丢弃无法读取的记录”，然后再次提交。你输入的内容已保留。"
        | "Nada foi salvo: um registro ilegível está guardado onde este cliente seria armazenado. Use “Baixar registros ilegíveis”, depois “Descartar registros ilegíveis”, e envie novamente. O que você digitou foi mantido.",
    BadStorageKey: "Customer Accounts can't start: the storage key “{value}” is not allowed. Use 1 to 64 letters (A–Z, a–z), digits, hyphens or underscores."
        | "客户帐户无法启动：不允许使用存储键“{value}”。请使用 1 到 64 个字母（A–Z、a–z）、数字、连字符或下划线。"
        | "Contas de clientes não pode iniciar: a chave de armazenamento “{value}” não é permitida. Use de 1 a 64 letras (A–Z, a–z), dígitos, hifens ou sublinhados.",
    UnknownCloud: "Customer Accounts can't start: the cloud “{value}” is unknown. Set the cloud attribute to 21vianet or global."
        | "客户帐户无法启动：未知的云“{value}”。请将 cloud 属性设置为 21vianet 或 global。"
        | "Contas de clientes não pode iniciar: a nuvem “{value}” é desconhecida. Defina o atributo cloud como 21vianet ou global.",
    StorageBlocked: "This browser blocks storage for this page, so customers are kept only until you close or reload it."
        | "此浏览器阻止了此页面使用存储，因此客户仅保留到你关闭或重新加载此页面为止。"
        | "Este navegador bloqueia o armazenamento desta página, então os clientes ficam guardados só até você fechá-la ou recarregá-la.",
    UnreadableOne: "{count} stored record could not be read and is not listed. It has been left as it was: download it to recover it, or discard it."
        | "有 {count} 条存储的记录无法读取，未列出。它们保持原样：可以下载以便恢复，也可以丢弃。"
        | "{count} registro armazenado não pôde ser lido e não está na lista. Ele foi mantido como estava: baixe-o para recuperá-lo ou descarte-o.",
    UnreadableOther: "{count} stored records could not be read and are not listed. They have been left as they were: download them to recover them, or discard them."
        | "有 {count} 条存储的记录无法读取，未列出。它们保持原样：可以下载以便恢复，也可以丢弃。"
        | "{count} registros armazenados não puderam ser lidos e não estão na lista. Eles foram mantidos como estavam: baixe-os para recuperá-los ou descarte-os.",

    // What storage said, inside another sentence ("Nothing was removed: …")
    ProblemStorageFull: "storage is full" | "存储空间已满" | "o armazenamento está cheio",
    ProblemStorageUnavailable: "storage is not available: {detail}" | "存储不可用：{detail}" | "o armazenamento não está disponível: {detail}",
    ProblemStorageFailed: "storage refused the operation: {detail}" | "存储拒绝了此操作：{detail}" | "o armazenamento recusou a operação: {detail}",
    ProblemStorageBlocked: "an unreadable stored record is in the way" | "一条无法读取的存储记录挡住了写入" | "um registro ilegível está no caminho",

    // Conflicts (edit)
    ChangedElsewhere: "This customer was changed elsewhere (in another tab or window) since you opened it. Nothing was saved. Review the newer values, or overwrite them with yours."
        | "自你打开此客户以来，它已在其他位置（另一个标签页或窗口）被更改。未保存任何内容。请查看较新的值，或用你的值覆盖它们。"
        | "Este cliente foi alterado em outro lugar (em outra guia ou janela) desde que você o abriu. Nada foi salvo. Revise os valores mais recentes ou substitua-os pelos seus.",
    ReviewNewer: "Review newer values" | "查看较新的值" | "Revisar valores mais recentes",
    Overwrite: "Overwrite with my changes" | "用我的更改覆盖" | "Substituir pelas minhas alterações",
    ShowingNewer: "The form now shows the newer values. Make your changes again, then submit."
        | "表单现在显示较新的值。请重新进行更改，然后提交。"
        | "O formulário agora mostra os valores mais recentes. Faça suas alterações novamente e envie.",
    ChangedWhileEditing: "This customer has just been changed in another tab. If you submit, you will be asked what to do."
        | "此客户刚刚在另一个标签页中被更改。如果提交，系统会询问你如何处理。"
        | "Este cliente acabou de ser alterado em outra guia. Se você enviar, será perguntado o que fazer.",
    RemovedElsewhere: "This customer was removed elsewhere (in another tab or window). Nothing was saved."
        | "此客户已在其他位置（另一个标签页或窗口）被删除。未保存任何内容。"
        | "Este cliente foi removido em outro lugar (em outra guia ou janela). Nada foi salvo.",

    // Records a newer version of the app wrote: no damage, so nothing to download or discard.
    Newer: "A newer version of this app saved customers here: reload the page to see them."
        | "本应用的较新版本在此保存了客户：请重新加载页面查看。"
        | "Uma versão mais nova deste app salvou clientes aqui: recarregue a página para vê-los.",
    // Unreadable records
    DownloadUnreadable: "Download unreadable records" | "下载无法读取的记录" | "Baixar registros ilegíveis",
    DiscardUnreadable: "Discard unreadable records" | "丢弃无法读取的记录" | "Descartar registros ilegíveis",
    UnreadableFile: "unreadable-records.json" | "无法读取的记录.json" | "registros-ilegiveis.json",
    ConfirmDiscardOne: "Discard {count} unreadable record? They are deleted from this browser for good. Download them first if you may want to recover them."
        | "要丢弃 {count} 条无法读取的记录吗？它们将从此浏览器中永久删除。如果以后可能需要恢复，请先下载。"
        | "Descartar {count} registro ilegível? Ele será excluído deste navegador para sempre. Baixe-o antes se quiser recuperá-lo.",
    ConfirmDiscardOther: "Discard {count} unreadable records? They are deleted from this browser for good. Download them first if you may want to recover them."
        | "要丢弃 {count} 条无法读取的记录吗？它们将从此浏览器中永久删除。如果以后可能需要恢复，请先下载。"
        | "Descartar {count} registros ilegíveis? Eles serão excluídos deste navegador para sempre. Baixe-os antes se quiser recuperá-los.",
    DiscardedOne: "Discarded {count} unreadable record." | "已丢弃 {count} 条无法读取的记录。" | "{count} registro ilegível descartado.",
    DiscardedOther: "Discarded {count} unreadable records." | "已丢弃 {count} 条无法读取的记录。" | "{count} registros ilegíveis descartados.",
    IdInUseUnreadable: "A stored record with this Microsoft ID exists but can't be read. Download and discard it first."
        | "存在一条具有此 Microsoft ID 的存储记录，但无法读取。请先下载并丢弃它。"
        | "Existe um registro armazenado com este ID da Microsoft, mas ele não pode ser lido. Baixe-o e descarte-o primeiro.",

    // List actions
    ExportCsv: "Export CSV" | "导出 CSV" | "Exportar CSV",
    ExportJson: "Export JSON" | "导出 JSON" | "Exportar JSON",
    ImportJson: "Import JSON" | "导入 JSON" | "Importar JSON",
    CsvFile: "customers.csv" | "客户.csv" | "clientes.csv",
    JsonFile: "customers.json" | "客户.json" | "clientes.json",
    MoreActions: "More actions" | "更多操作" | "Mais ações",
    LoadDemo: "Load demo customers" | "加载演示客户" | "Carregar clientes de demonstração",
    RemoveAll: "Remove all data" | "删除所有数据" | "Remover todos os dados",
    KeptHere: "This browser keeps your customers until you remove them."
        | "此浏览器会保留您的客户，直到您将其删除。"
        | "Este navegador mantém seus clientes até que você os remova.",
    MayClear: "This browser may clear your customers when it runs short of space: export them to keep a copy."
        | "此浏览器在空间不足时可能会清除您的客户：请导出以保留副本。"
        | "Este navegador pode apagar seus clientes quando faltar espaço: exporte-os para manter uma cópia.",
    BackupDue: "No export of your customers in 7 days: keep a copy outside this browser."
        | "您的客户已 7 天未导出：请在此浏览器之外保留副本。"
        | "Seus clientes não são exportados há 7 dias: mantenha uma cópia fora deste navegador.",
    BackupSafari: "Safari deletes what a site stores after 7 days of use without a visit to it."
        | "Safari 会在 7 天未访问某个网站后删除该网站存储的内容。"
        | "O Safari apaga o que um site armazena após 7 dias de uso sem uma visita a ele.",
    DownloadFailed: "The browser did not start the download. Try again, or allow downloads for this page."
        | "浏览器未开始下载。请重试，或允许此页面下载文件。"
        | "O navegador não iniciou o download. Tente novamente ou permita downloads nesta página.",
    ExportIncomplete: "Nothing was exported: not every customer could be read ({error}). Try again."
        | "未导出任何内容：无法读取所有客户（{error}）。请重试。"
        | "Nada foi exportado: nem todos os clientes puderam ser lidos ({error}). Tente novamente.",
    ImportedOne: "Imported {count} customer." | "已导入 {count} 位客户。" | "{count} cliente importado.",
    ImportedOther: "Imported {count} customers." | "已导入 {count} 位客户。" | "{count} clientes importados.",
    ImportCancelled: "Import cancelled. Nothing was imported." | "导入已取消。未导入任何内容。" | "Importação cancelada. Nada foi importado.",
    CancelImport: "Cancel import" | "取消导入" | "Cancelar importação",
    ImportProgress: "Import progress" | "导入进度" | "Progresso da importação",
    ImportChecking: "Checking {checked} of {total} customers…" | "正在检查客户：{checked} / {total}…" | "Verificando {checked} de {total} clientes…",
    ImportSaving: "Saving {total} customers…" | "正在保存 {total} 位客户…" | "Salvando {total} clientes…",
    ImportNotAnObject: "A customer must be a JSON object." | "客户必须是 JSON 对象。" | "Um cliente deve ser um objeto JSON.",
    ImportBadValue: "This value is missing or not valid ({detail})." | "此值缺失或无效（{detail}）。" | "Este valor está ausente ou não é válido ({detail}).",
    ImportDomain: "“{domain}” is not a domain this app keeps: it must be a domain prefix followed by {suffix}."
        | "“{domain}”不是本应用保存的域名：它必须是域前缀后跟 {suffix}。"
        | "“{domain}” não é um domínio que este app guarda: deve ser um prefixo de domínio seguido de {suffix}.",
    ImportTenantId: "The tenant id must equal the Microsoft ID." | "租户 ID 必须与 Microsoft ID 相同。" | "O ID do locatário deve ser igual ao ID da Microsoft.",
    ProblemUntrimmed: "Remove the spaces at the start or end of this value." | "请删除此值开头或结尾的空格。" | "Remova os espaços no início ou no fim deste valor.",
    ProblemDomain: "This is not a domain this app keeps." | "这不是本应用保存的域名。" | "Este não é um domínio que este app guarda.",
    ProblemLanguage: "The language must follow from the culture (zh for zh-CN)." | "语言必须与区域性一致（zh-CN 对应 zh）。" | "O idioma deve decorrer da cultura (zh para zh-CN).",
    ProblemStamps: "Each must be a short text without control characters." | "每一项都必须是不含控制字符的短文本。" | "Cada um deve ser um texto curto sem caracteres de controle.",
    ProblemOrgNumber: "Partner Center asks for this number only in Armenia, Azerbaijan, Belarus, Hungary, Kazakhstan, Kyrgyzstan, Moldova, Russia, Tajikistan, Uzbekistan and Ukraine: remove it."
        | "合作伙伴中心仅在亚美尼亚、阿塞拜疆、白俄罗斯、匈牙利、哈萨克斯坦、吉尔吉斯斯坦、摩尔多瓦、俄罗斯、塔吉克斯坦、乌兹别克斯坦和乌克兰要求提供此号码：请删除它。"
        | "O Partner Center pede este número só na Armênia, Azerbaijão, Belarus, Hungria, Cazaquistão, Quirguistão, Moldávia, Rússia, Tadjiquistão, Uzbequistão e Ucrânia: remova-o.",
    ProblemRegionTooLong: "Use at most {max} characters." | "最多使用 {max} 个字符。" | "Use no máximo {max} caracteres.",
    ProblemRegionControl: "Remove line breaks, tabs, other control characters and surrounding spaces."
        | "请删除换行符、制表符、其他控制字符以及首尾空格。"
        | "Remova quebras de linha, tabulações, outros caracteres de controle e espaços nas pontas.",
    ProblemRegionOther: "Give a visible value, or leave the region out." | "请提供可见的值，或省略 region。" | "Informe um valor visível ou omita a região.",
    ProblemCompanyProfileName: "It must be the same as the billing profile's company name."
        | "它必须与帐单配置文件中的公司名称相同。"
        | "Deve ser igual ao nome da empresa do perfil de cobrança.",
    ImportTooLarge: "Nothing was imported: the file is larger than this browser's storage for the app could hold."
        | "未导入任何内容：文件大于此浏览器为本应用提供的存储空间所能容纳的大小。"
        | "Nada foi importado: o arquivo é maior do que o armazenamento deste navegador para o app comporta.",
    ImportNotJson: "Nothing was imported: the file is not valid JSON (line {line}, column {column})."
        | "未导入任何内容：文件不是有效的 JSON（第 {line} 行，第 {column} 列）。"
        | "Nada foi importado: o arquivo não é um JSON válido (linha {line}, coluna {column}).",
    ImportWrongShape: "Nothing was imported: the file must be a JSON object with an “items” list of customers, as “Export JSON” writes it."
        | "未导入任何内容：文件必须是包含客户“items”列表的 JSON 对象，与“导出 JSON”写出的格式相同。"
        | "Nada foi importado: o arquivo deve ser um objeto JSON com uma lista “items” de clientes, como “Exportar JSON” o grava.",
    ImportEmpty: "Nothing was imported: the file has no customers." | "未导入任何内容：文件中没有客户。" | "Nada foi importado: o arquivo não tem clientes.",
    ImportTooMany: "Nothing was imported: the file has {count} customers; at most {max} can be imported at once."
        | "未导入任何内容：文件中有 {count} 位客户；一次最多可导入 {max} 位。"
        | "Nada foi importado: o arquivo tem {count} clientes; no máximo {max} podem ser importados de uma vez.",
    ImportTotalCount: "The file says totalCount is {total}, but it has {count} customers."
        | "文件中的 totalCount 为 {total}，但实际有 {count} 位客户。"
        | "O arquivo diz que totalCount é {total}, mas tem {count} clientes.",
    ImportIdExists: "A customer with Microsoft ID {id} already exists." | "Microsoft ID 为 {id} 的客户已存在。" | "Já existe um cliente com o ID da Microsoft {id}.",
    ImportDomainUnreadable: "The domain {domain} is used by a stored record that can't be read."
        | "域名 {domain} 被一条无法读取的存储记录使用。"
        | "O domínio {domain} é usado por um registro armazenado que não pode ser lido.",
    ImportRace: "Nothing was imported: another tab stored some of these customers' domains at the same moment. Import again."
        | "未导入任何内容：另一个标签页同时存储了其中一些客户的域名。请再次导入。"
        | "Nada foi importado: outra guia armazenou alguns domínios destes clientes no mesmo momento. Importe novamente.",
    ImportDomainExists: "A customer with the domain {domain} already exists." | "域名为 {domain} 的客户已存在。" | "Já existe um cliente com o domínio {domain}.",
    RecordField: "Record {n}, {field}: {message}" | "第 {n} 条记录，{field}：{message}" | "Registro {n}, {field}: {message}",
    RecordOnly: "Record {n}: {message}" | "第 {n} 条记录：{message}" | "Registro {n}: {message}",
    // After the first lines of an import's problems (the intro above them says what to do).
    MoreProblems: "…and {count} more." | "……还有 {count} 个。" | "…e mais {count}.",
    ImportProblems: "Nothing was imported. Fix these problems in the file, then import it again:"
        | "未导入任何内容。请修正文件中的以下问题，然后再次导入："
        | "Nada foi importado. Corrija estes problemas no arquivo e importe-o novamente:",
    ImportStorageFull: "Nothing was imported: this browser's storage for the app is full. Export and remove customers you no longer need, then import again."
        | "未导入任何内容：此浏览器为本应用提供的存储空间已满。请导出并删除不再需要的客户，然后再次导入。"
        | "Nada foi importado: o armazenamento deste navegador para o app está cheio. Exporte e remova os clientes de que não precisa mais e importe novamente.",
    ImportStorageOther: "Nothing was imported: {error}." | "未导入任何内容：{error}。" | "Nada foi importado: {error}.",
    FileUnreadable: "Nothing was imported: the file could not be read ({reason})."
        | "未导入任何内容：无法读取文件（{reason}）。"
        | "Nada foi importado: não foi possível ler o arquivo ({reason}).",
    DemoReserved: "Not added, because a stored record that can't be read uses the domain: {domains}."
        | "以下演示客户未添加，因为无法读取的存储记录使用了其域名：{domains}。"
        | "Não adicionados, porque um registro armazenado que não pode ser lido usa o domínio: {domains}.",
    DemoAllHere: "No demo customers were added: they are all here already."
        | "未添加演示客户：它们都已存在。"
        | "Nenhum cliente de demonstração foi adicionado: todos já estão aqui.",
    DemoAddedOne: "Added {added} demo customer." | "已添加 {added} 位演示客户。" | "{added} cliente de demonstração adicionado.",
    DemoAddedOther: "Added {added} demo customers." | "已添加 {added} 位演示客户。" | "{added} clientes de demonstração adicionados.",
    DemoSkippedOne: "Added {added} demo customer; {skipped} were here already."
        | "已添加 {added} 位演示客户；{skipped} 位已存在。"
        | "{added} cliente de demonstração adicionado; {skipped} já estavam aqui.",
    DemoSkippedOther: "Added {added} demo customers; {skipped} were here already."
        | "已添加 {added} 位演示客户；{skipped} 位已存在。"
        | "{added} clientes de demonstração adicionados; {skipped} já estavam aqui.",
    DemoStorageFull: "No demo customers were added: this browser's storage for the app is full."
        | "未添加演示客户：此浏览器为本应用提供的存储空间已满。"
        | "Nenhum cliente de demonstração foi adicionado: o armazenamento deste navegador para o app está cheio.",
    DemoStorageOther: "No demo customers were added: {error}." | "未添加演示客户：{error}。" | "Nenhum cliente de demonstração foi adicionado: {error}.",
    ConfirmRemoveAll: "Remove all data? This deletes {what} kept by this app in this browser, for good. Export them first if you may need them."
        | "要删除所有数据吗？这会从此浏览器中永久删除本应用保存的{what}。如果以后可能需要，请先导出。"
        | "Remover todos os dados? Isso exclui para sempre {what} guardados por este app neste navegador. Exporte-os antes se puder precisar deles.",
    AndUnreadableOne: "{what} and {count} unreadable record" | "{what}以及 {count} 条无法读取的记录" | "{what} e {count} registro ilegível",
    AndUnreadableOther: "{what} and {count} unreadable records" | "{what}以及 {count} 条无法读取的记录" | "{what} e {count} registros ilegíveis",
    RemovedAll: "All data was removed." | "已删除所有数据。" | "Todos os dados foram removidos.",
    RemoveFailed: "Nothing was removed: {error}." | "未删除任何内容：{error}。" | "Nada foi removido: {error}.",

    // Remove (details)
    RemoveCustomer: "Remove customer" | "删除客户" | "Remover cliente",
    RemoveSection: "Remove from this browser" | "从此浏览器中删除" | "Remover deste navegador",
    RemoveNote: "Partner Center never deletes a customer. Removing only takes this record out of this browser, to tidy demo data."
        | "合作伙伴中心从不删除客户。删除只是将此记录从此浏览器中移除，用于整理演示数据。"
        | "O Partner Center nunca exclui um cliente. Remover só tira este registro deste navegador, para organizar dados de demonstração.",
    ConfirmRemove: "Remove {company} ({domain}) from this browser? You can undo this until your next action."
        | "要从此浏览器中删除 {company}（{domain}）吗？在你进行下一个操作之前，可以撤消。"
        | "Remover {company} ({domain}) deste navegador? Você pode desfazer isso até a sua próxima ação.",
    Removed: "Removed {company}." | "已删除 {company}。" | "{company} removido.",
    Undo: "Undo" | "撤消" | "Desfazer",
    Restored: "Restored {company}." | "已恢复 {company}。" | "{company} restaurado.",
    UndoDomainTaken: "It can't be restored: its domain is now used by another customer."
        | "无法恢复：其域名现已被另一个客户使用。"
        | "Não é possível restaurar: o domínio agora é usado por outro cliente.",
}
