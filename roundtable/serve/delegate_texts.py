"""The delegate's page in the forum's languages: every text it shows, one table per language, and
the choice of language from the page's switch or the browser's Accept-Language.

One table per language, with the same keys, so that it can move as it is into the interface's
gettext catalogues when they exist (issue 27 item 2): a key is a message id, "{name}"-style
fields are filled in by the page's script. The forum's own texts (session titles, people's names,
countries) are not here: they come translated from the programme, the roster and the catalogues.
"""

from __future__ import annotations

LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский", "kk": "Қазақша"}  # the switch's labels

TEXTS: dict[str, dict[str, object]] = {
    "en": {
        "page_title": "Ask for the floor",
        "you_are": "You are",
        "session": "Session",
        "change_session": "Change session",
        "language": "Language",
        "speaking_now": "Speaking now",
        "floor_free": "The floor is free",
        "of_limit": "of {limit}",
        "over_time": "over time",
        "paused": "paused",
        "suspended": "The session is suspended",
        "resumes": "{name} resumes after the point of order",
        "next": "Next speakers",
        "queue_empty": "The list of speakers is empty",
        "and_more": "and {n} more",
        "list_closed": "The list of speakers is closed: only points of order are taken",
        "off_record": "This session is off the record: its list of speakers is not shown here, and requests are taken in the room.",
        "your_request": "Your request",
        "ask_as": "Ask for the floor:",
        "change_to": "Change to:",
        "withdraw": "Withdraw my request",
        "point_of_order": "Point of order",
        "raise_point_of_order": "Raise a point of order",
        "point_of_order_hint": "For the conduct of the meeting: it interrupts the speaker once the chair accepts it.",
        "withdraw_point_of_order": "Withdraw my point of order",
        "mode_review": "The moderator accepts each request.",
        "mode_accept": "Requests join the list of speakers at once.",
        "types": {"statement": "Statement", "reply": "Reply", "question": "Question", "point-of-order": "Point of order"},
        "types_lc": {"statement": "statement", "reply": "reply", "question": "question", "point-of-order": "point of order"},
        "state_none": "You have not asked for the floor in this session.",
        "state_waiting": "Your request ({type}) waits for the moderator.",
        "state_queued": "Your place in the list of speakers: {place} of {of}.",
        "expected": "Your turn around {time} (in about {minutes} min).",
        "expected_next": "You are next.",
        "late": "The session may end before your turn.",
        "state_speaking": "You have the floor.",
        "state_interrupted": "You resume after the point of order.",
        "state_spoken": "You have spoken.",
        "state_declined": "The moderator declined your request ({type}).",
        "state_withdrawn": "You withdrew your request.",
        "state_removed": "The moderator took your request out of the list.",
        "order_waiting": "Your point of order waits for the chair.",
        "order_speaking": "You have the floor on a point of order.",
        "order_declined": "The chair declined your point of order.",
        "pick_title": "Choose your session",
        "pick_none": "No session is live right now. Open this page again when yours starts.",
        "live": "live",
        "reconnecting": "Reconnecting…",
        "refused_title": "This link does not work",
        "refused_text": "It was mistyped, or it has been replaced. Ask the secretariat's desk for your badge's new link.",
        "entry_text": "Open the personal link on your badge (scan its QR code) to ask for the floor.",
        "badge_caption": "Scan with your phone to ask for the floor",
        "err_already-open": "You already have a request in this session.",
        "err_point-of-order-open": "Your point of order is already with the chair.",
        "err_list-closed": "The list of speakers is closed.",
        "err_off-record": "This session is off the record: requests are taken in the room.",
        "err_too-many": "Too many taps: wait a moment.",
        "err_forbidden": "This page may not send that. Reload it.",
        "err_no-session": "This session is not live any more.",
        "err_bad-type": "Not a kind of request.",
        "err_failed": "Not sent: try again.",
    },
    "ru": {
        "page_title": "Попросить слово",
        "you_are": "Вы",
        "session": "Заседание",
        "change_session": "Сменить заседание",
        "language": "Язык",
        "speaking_now": "Сейчас выступает",
        "floor_free": "Слово никому не предоставлено",
        "of_limit": "из {limit}",
        "over_time": "время истекло",
        "paused": "пауза",
        "suspended": "Заседание прервано",
        "resumes": "{name} продолжит после выступления по порядку ведения заседания",
        "next": "Следующие ораторы",
        "queue_empty": "Список ораторов пуст",
        "and_more": "и ещё {n}",
        "list_closed": "Список ораторов закрыт: принимаются только выступления по порядку ведения заседания",
        "off_record": "Заседание проходит без протокола: список ораторов здесь не показывается, заявки принимаются в зале.",
        "your_request": "Ваша заявка",
        "ask_as": "Попросить слово:",
        "change_to": "Изменить на:",
        "withdraw": "Отозвать заявку",
        "point_of_order": "По порядку ведения",
        "raise_point_of_order": "По порядку ведения заседания",
        "point_of_order_hint": "О ведении заседания: прерывает оратора, когда председатель предоставит слово.",
        "withdraw_point_of_order": "Отозвать замечание по порядку ведения",
        "mode_review": "Каждую заявку принимает модератор.",
        "mode_accept": "Заявки сразу попадают в список ораторов.",
        "types": {"statement": "Выступление", "reply": "Право на ответ", "question": "Вопрос",
                  "point-of-order": "По порядку ведения"},
        "types_lc": {"statement": "выступление", "reply": "право на ответ", "question": "вопрос",
                     "point-of-order": "по порядку ведения"},
        "state_none": "Вы не просили слова на этом заседании.",
        "state_waiting": "Ваша заявка ({type}) ждёт решения модератора.",
        "state_queued": "Ваше место в списке ораторов: {place} из {of}.",
        "expected": "Ориентировочно в {time} (примерно через {minutes} мин).",
        "expected_next": "Вы следующий.",
        "late": "Заседание может закончиться раньше вашей очереди.",
        "state_speaking": "Вам предоставлено слово.",
        "state_interrupted": "Вы продолжите после выступления по порядку ведения.",
        "state_spoken": "Вы выступили.",
        "state_declined": "Модератор отклонил вашу заявку ({type}).",
        "state_withdrawn": "Вы отозвали заявку.",
        "state_removed": "Модератор снял вашу заявку из списка.",
        "order_waiting": "Ваше замечание по порядку ведения ждёт решения председателя.",
        "order_speaking": "Вам предоставлено слово по порядку ведения.",
        "order_declined": "Председатель отклонил ваше замечание по порядку ведения.",
        "pick_title": "Выберите заседание",
        "pick_none": "Сейчас ни одно заседание не идёт. Откройте эту страницу снова, когда начнётся ваше.",
        "live": "идёт",
        "reconnecting": "Переподключение…",
        "refused_title": "Ссылка не работает",
        "refused_text": "Она набрана с ошибкой или заменена новой. Попросите новую ссылку для вашего бейджа у стойки секретариата.",
        "entry_text": "Чтобы попросить слово, откройте личную ссылку с вашего бейджа (отсканируйте QR-код).",
        "badge_caption": "Отсканируйте телефоном, чтобы попросить слово",
        "err_already-open": "У вас уже есть заявка на этом заседании.",
        "err_point-of-order-open": "Ваше замечание по порядку ведения уже у председателя.",
        "err_list-closed": "Список ораторов закрыт.",
        "err_off-record": "Заседание без протокола: заявки принимаются в зале.",
        "err_too-many": "Слишком часто: подождите немного.",
        "err_forbidden": "Страница не может это отправить. Обновите её.",
        "err_no-session": "Это заседание уже не идёт.",
        "err_bad-type": "Такой заявки нет.",
        "err_failed": "Не отправлено: попробуйте ещё раз.",
    },
    "kk": {
        "page_title": "Сөз сұрау",
        "you_are": "Сіз",
        "session": "Отырыс",
        "change_session": "Отырысты ауыстыру",
        "language": "Тіл",
        "speaking_now": "Қазір сөйлеп тұрған",
        "floor_free": "Сөз ешкімге берілмеген",
        "of_limit": "{limit} ішінен",
        "over_time": "уақыт бітті",
        "paused": "кідіріс",
        "suspended": "Отырыс үзілді",
        "resumes": "{name} регламент бойынша сөзден кейін жалғастырады",
        "next": "Келесі сөйлеушілер",
        "queue_empty": "Сөйлеушілер тізімі бос",
        "and_more": "және тағы {n}",
        "list_closed": "Сөйлеушілер тізімі жабық: тек регламент бойынша сөз қабылданады",
        "off_record": "Бұл отырыс хаттамасыз өтеді: сөйлеушілер тізімі мұнда көрсетілмейді, өтініштер залда қабылданады.",
        "your_request": "Сіздің өтінішіңіз",
        "ask_as": "Сөз сұрау:",
        "change_to": "Түрін өзгерту:",
        "withdraw": "Өтінішімді қайтарып алу",
        "point_of_order": "Регламент бойынша",
        "raise_point_of_order": "Регламент бойынша сөз сұрау",
        "point_of_order_hint": "Отырысты жүргізу тәртібі туралы: төраға қабылдаса, сөйлеушінің сөзі бөлінеді.",
        "withdraw_point_of_order": "Регламент бойынша өтінішімді қайтарып алу",
        "mode_review": "Әр өтінішті модератор қабылдайды.",
        "mode_accept": "Өтініштер сөйлеушілер тізіміне бірден қосылады.",
        "types": {"statement": "Мәлімдеме", "reply": "Жауап беру құқығы", "question": "Сұрақ",
                  "point-of-order": "Регламент бойынша"},
        "types_lc": {"statement": "мәлімдеме", "reply": "жауап беру құқығы", "question": "сұрақ",
                     "point-of-order": "регламент бойынша"},
        "state_none": "Бұл отырыста сіз сөз сұрамадыңыз.",
        "state_waiting": "Өтінішіңіз ({type}) модератордың шешімін күтуде.",
        "state_queued": "Сөйлеушілер тізіміндегі орныңыз: {of} ішінен {place}.",
        "expected": "Болжамды уақыт: {time} (шамамен {minutes} минуттан кейін).",
        "expected_next": "Келесі кезек сіздікі.",
        "late": "Отырыс сіздің кезегіңізге дейін аяқталуы мүмкін.",
        "state_speaking": "Сізге сөз берілді.",
        "state_interrupted": "Регламент бойынша сөзден кейін жалғастырасыз.",
        "state_spoken": "Сіз сөз сөйледіңіз.",
        "state_declined": "Модератор өтінішіңізді ({type}) қабылдамады.",
        "state_withdrawn": "Сіз өтінішіңізді қайтарып алдыңыз.",
        "state_removed": "Модератор өтінішіңізді тізімнен алып тастады.",
        "order_waiting": "Регламент бойынша өтінішіңіз төрағаның шешімін күтуде.",
        "order_speaking": "Сізге регламент бойынша сөз берілді.",
        "order_declined": "Төраға регламент бойынша өтінішіңізді қабылдамады.",
        "pick_title": "Отырысыңызды таңдаңыз",
        "pick_none": "Қазір бірде-бір отырыс жүріп жатқан жоқ. Отырысыңыз басталғанда бұл бетті қайта ашыңыз.",
        "live": "жүріп жатыр",
        "reconnecting": "Қайта қосылуда…",
        "refused_title": "Бұл сілтеме жұмыс істемейді",
        "refused_text": "Ол қате терілген немесе жаңасымен ауыстырылған. Бейджіңіздің жаңа сілтемесін хатшылық үстелінен сұраңыз.",
        "entry_text": "Сөз сұрау үшін бейджіңіздегі жеке сілтемені ашыңыз (QR кодын сканерлеңіз).",
        "badge_caption": "Сөз сұрау үшін телефонмен сканерлеңіз",
        "err_already-open": "Бұл отырыста сізде өтініш бар.",
        "err_point-of-order-open": "Регламент бойынша өтінішіңіз төрағада.",
        "err_list-closed": "Сөйлеушілер тізімі жабық.",
        "err_off-record": "Отырыс хаттамасыз өтеді: өтініштер залда қабылданады.",
        "err_too-many": "Тым жиі басылды: біраз күте тұрыңыз.",
        "err_forbidden": "Бұл бет оны жібере алмайды. Бетті жаңартыңыз.",
        "err_no-session": "Бұл отырыс енді жүріп жатқан жоқ.",
        "err_bad-type": "Мұндай өтініш түрі жоқ.",
        "err_failed": "Жіберілмеді: қайталап көріңіз.",
    },
}


def texts(lang: str) -> dict[str, object]:
    return TEXTS.get(lang, TEXTS["en"])


def choose_language(asked: str | None, remembered: str | None, accept_language: str | None,
                    forum_languages: list[str]) -> str:
    """The page's language: the switch's choice (`asked`, then the one `remembered` in its cookie),
    else the browser's first acceptable language we have, else the forum's first we have, else English."""
    for choice in (asked, remembered):
        if choice in TEXTS:
            return choice
    for lang in preferred(accept_language):
        if lang in TEXTS:
            return lang
    return next((lang for lang in forum_languages if lang in TEXTS), "en")


def preferred(accept_language: str | None) -> list[str]:
    """The primary language subtags of an Accept-Language header, best first ("ru-RU,ru;q=0.9,en;q=0.8"
    -> ["ru", "en"]); anything malformed is skipped."""
    weighted = []
    for index, part in enumerate((accept_language or "")[:512].split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().split("-")[0].lower()
        if primary.isalpha() and 0 < quality <= 1:
            weighted.append((-quality, index, primary))
    return list(dict.fromkeys(lang for _, _, lang in sorted(weighted)))
