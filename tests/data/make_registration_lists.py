"""Rebuild the registration lists in tests/data/ as the world produces them:

- indico-registrants.xlsx: an Indico "Export to Excel" of registrants (Title, First Name, Last Name,
  Email Address, Affiliation, Position, Country, Registration state, with the ID, the registration
  date and a phone number as Indico writes them);
- secretariat-workbook.xlsx: a workbook a secretariat keeps in Excel: a summary sheet of formulas
  first, the participants on the second sheet with a full name made by a formula, a date, numbers,
  a boolean, and a hidden sheet of lists;
- ministry-participants.xlsx: a ministry's sheet with two title rows and a blank row above Russian
  headers (№ п/п, ФИО, Должность, Организация, Страна, Эл. почта), countries written in Russian;
- ministry-participants-kk.xls: the same kind of sheet in Kazakh, the name in three columns (Тегі,
  Аты, Әкесінің аты), saved by LibreOffice as Excel 97-2003;
- inscriptions.ods: a French registration sheet saved by LibreOffice Calc (Horodateur, Civilité,
  Prénom, Nom, Adresse e-mail, Organisme, Fonction, Pays);
- google-forms-unknown-country.csv: a Google Forms export (Timestamp, Full name, …) in which two
  countries are not ones any list has (a typo, a territory) among good rows.

    .venv/bin/python tests/data/make_registration_lists.py [FOLDER]

Needs xlsxwriter (the test extra) and, for the .ods and .xls, LibreOffice Calc (`soffice`,
Debian's libreoffice-calc-nogui): without it those two are left as they are.
xlsxwriter writes what Excel writes, a formula with the value it computes; openpyxl cannot.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
CREATED = dt.datetime(2014, 9, 20, 9, 0)  # fixed, so that a rebuild changes no byte that matters

INDICO_HEADER = ["ID", "Registration date", "Registration state", "Title", "First Name", "Last Name",
                 "Email Address", "Affiliation", "Position", "Country", "Phone"]
INDICO = [
    (101, dt.datetime(2014, 8, 4, 10, 12), "Complete", "Mr", "John", "Carter", "j.carter@state.example",
     "U.S. Department of State", "Senior Advisor for Digital Government", "United States", 12025550147),
    (102, dt.datetime(2014, 8, 5, 16, 40), "Complete", "Ms", "Thị Lan", "Nguyễn", "ntlan@mic.example",
     "Ministry of Information and Communications", "Deputy Director General", "Viet Nam", 84439436001),
    (103, dt.datetime(2014, 8, 6, 9, 3), "Complete", "Dr", "Seo-yeon", "Park", "sypark@nia.example",
     "National Information Society Agency", "Principal Researcher", "Korea, Republic of", 82221311234),
    (104, dt.datetime(2014, 8, 7, 11, 25), "Pending", "Mr", "Mohammad Reza", "Hosseini", "mr.hosseini@ito.example",
     "Information Technology Organization of Iran", "Director of E-Government", "Iran (Islamic Republic of)", None),
    (105, dt.datetime(2014, 8, 7, 14, 0), "Complete", "Ms", "Ana María", "Quispe Mamani", "aquispe@agetic.example",
     "AGETIC", "Jefa de Unidad", "Bolivia (Plurinational State of)", 59122184000),
    (106, dt.datetime(2014, 8, 8, 8, 15), "Complete", "Mr", "Kouassi", "Yao", "k.yao@gouv.example",
     "Ministère de la Poste et des TIC", "Conseiller technique", "Côte d'Ivoire", None),
    (107, dt.datetime(2014, 8, 11, 13, 30), "Withdrawn", "H.E. Mr", "Ahmed", "Al Mansoori", "a.mansoori@tra.example",
     "Telecommunications Regulatory Authority", "Deputy Director General", "UAE", 97127772222),
    (108, dt.datetime(2014, 8, 12, 10, 0), "Complete", "Mr", "Emre", "Yılmaz", "emre.yilmaz@udhb.example",
     "Ministry of Transport, Maritime Affairs and Communications", "Head of Department", "Türkiye", None),
    (109, dt.datetime(2014, 8, 12, 17, 45), "Complete", "Ms", "Ingrid", "van der Berg", "i.vanderberg@bzk.example",
     "Ministry of the Interior and Kingdom Relations", "Policy Advisor", "Holland", None),
    (110, dt.datetime(2014, 8, 13, 9, 20), "Rejected", "Mr", "Kwame", "Mensah", "kwame.mensah@mail.example",
     "Independent consultant", "Consultant", "Ghana", None),
    (111, dt.datetime(2014, 8, 14, 12, 5), "Complete", "Mr", "Jean-Pierre", "Mukendi", "jp.mukendi@ptnt.example",
     "Ministère des Postes, Télécommunications et NTIC", "Directeur", "DR Congo", None),
    (112, dt.datetime(2014, 8, 15, 15, 50), "Complete", "Ms", "Hanna", "Schäfer", "hanna.schaefer@bmi.example",
     "Federal Ministry of the Interior", "Head of Division", "Germany", 4930186810),
    (113, dt.datetime(2014, 8, 18, 10, 35), "Complete", "Mr", "Dmitry", "Volkov", "d.volkov@minsvyaz.example",
     "Ministry of Communications and Mass Media", "Deputy Director", "Russia", None),
    (114, dt.datetime(2014, 8, 19, 11, 10), "Complete", "Ms", "Sarah", "O'Neill", "sarah.oneill@gds.example",
     "Government Digital Service", "Head of International", "UK", 442072761234),
]

MINISTRY_HEADER = ["№ п/п", "ФИО", "Должность", "Организация", "Страна", "Эл. почта", "Дата прибытия"]
MINISTRY = [
    ("Жумабаева Айгерим Сериковна", "Руководитель управления электронного правительства",
     "Министерство по инвестициям и развитию", "Республика Казахстан", "a.zhumabaeva@mid.example", dt.date(2014, 10, 6)),
    ("Сейітқали Ерлан Маратұлы", "Заместитель председателя", "Агентство по связи и информации", "Казахстан",
     "e.seitkali@aci.example", dt.date(2014, 10, 6)),
    ("Петров Сергей Иванович", "Директор департамента", "Министерство связи и массовых коммуникаций", "Россия",
     "petrov@minsvyaz.example", dt.date(2014, 10, 5)),
    ("Смирнова Елена Викторовна", "Советник", "Аппарат Правительства", "РФ", "", dt.date(2014, 10, 6)),
    ("Асанов Бакыт Токтогулович", "Статс-секретарь", "Государственный комитет информационных технологий и связи",
     "Кыргызстан", "b.asanov@gkits.example", dt.date(2014, 10, 6)),
    ("Назарова Гульнора Рахимовна", "Начальник отдела", "Министерство по развитию информационных технологий",
     "Узбекистан", "", dt.date(2014, 10, 7)),
    ("Уильямс Джеймс", "Эксперт", "Программа развития ООН", "США", "", dt.date(2014, 10, 6)),
    ("Ким Мин Чжун", "Директор", "Министерство безопасности и государственного управления", "Республика Корея",
     "", dt.date(2014, 10, 5)),
    ("Мюллер Ханс", "Консультант", "Германское общество по международному сотрудничеству", "Германия", "",
     dt.date(2014, 10, 6)),
]

KAZAKH_HEADER = ["Р/с", "Тегі", "Аты", "Әкесінің аты", "Лауазымы", "Ұйым", "Ел"]
KAZAKH = [
    ("Сейітқали", "Ерлан", "Маратұлы", "Төраға орынбасары", "Байланыс және ақпарат агенттігі", "Қазақстан"),
    ("Нұрғалиқызы", "Әсел", "", "Ғылыми қызметкер", "Назарбаев Университеті", "Қазақстан"),
    ("Иванов", "Сергей", "Петрович", "Кеңесші", "Байланыс министрлігі", "Ресей"),
    ("Смит", "Джон", "", "Сарапшы", "БҰҰ Даму бағдарламасы", "АҚШ"),
    ("Асанов", "Бакыт", "Токтогулович", "Мемлекеттік хатшы", "Ақпараттық технологиялар комитеті", "Қырғызстан"),
    ("Йылмаз", "Эмре", "", "Бөлім басшысы", "Көлік министрлігі", "Түркия"),
]

FRENCH_HEADER = ["Horodateur", "Civilité", "Prénom", "Nom", "Adresse e-mail", "Organisme", "Fonction", "Pays"]
FRENCH = [
    (dt.datetime(2014, 9, 1, 9, 14, 22), "Mme", "Marie-Claire", "Dubois", "mc.dubois@ena.example",
     "École nationale d'administration", "Professeure", "France"),
    (dt.datetime(2014, 9, 2, 15, 2, 10), "M.", "Moussa", "Ndiaye", "m.ndiaye@adie.example",
     "Agence de l'informatique de l'État", "Directeur général", "Sénégal"),
    (dt.datetime(2014, 9, 3, 11, 45, 0), "M.", "Youssef", "El Amrani", "y.elamrani@mmsp.example",
     "Ministère de la Réforme de l'Administration", "Chef de division", "Maroc"),
    (dt.datetime(2014, 9, 3, 16, 30, 5), "Mme", "Sophie", "Lambert", "sophie.lambert@bosa.example",
     "SPF Stratégie et Appui", "Conseillère", "Belgique"),
    (dt.datetime(2014, 9, 4, 8, 5, 41), "M.", "Lukas", "Meier", "lukas.meier@egov.example",
     "Administration fédérale", "Chef de projet", "Suisse"),
    (dt.datetime(2014, 9, 5, 10, 20, 33), "Mme", "Aminata", "Koné", "a.kone@gouv.example",
     "Ministère de la Fonction publique", "Directrice", "Côte d'Ivoire"),
    (dt.datetime(2014, 9, 8, 14, 55, 1), "M.", "Jean", "Tremblay", "jean.tremblay@tbs.example",
     "Secrétariat du Conseil du Trésor", "Analyste principal", "Canada"),
    (dt.datetime(2014, 9, 9, 9, 9, 9), "Mme", "Hye-jin", "Choi", "hj.choi@mois.example",
     "Ministère de la Sécurité et de l'Administration publique", "Attachée", "République de Corée"),
    (dt.datetime(2014, 9, 10, 13, 0, 0), "M.", "Carlos", "Pereira", "c.pereira@gov.example",
     "Agence pour la modernisation administrative", "Expert", "Allemagne"),
]

GOOGLE_HEADER = ["Timestamp", "Full name", "Email address", "Organization", "Job title", "Country"]
GOOGLE = [
    ("2014/09/12 10:31:05 AM GMT+6", "Aliya Bekova", "aliya.bekova@egov.example", "Zerde National Info-communication Holding",
     "Project Manager", "Kazakhstan"),
    ("2014/09/12 11:02:47 AM GMT+6", "Timur Akhmetov", "t.akhmetov@nitec.example", "NITEC", "Analyst", "Kazahstan"),
    ("2014/09/12 02:15:10 PM GMT+6", "Olga Kuznetsova", "o.kuznetsova@hse.example", "Higher School of Economics",
     "Associate Professor", "Russia"),
    ("2014/09/13 09:40:00 AM GMT+6", "Abdirahman Yusuf", "a.yusuf@mail.example", "Ministry of Information",
     "Adviser", "Somaliland"),
    ("2014/09/13 04:22:18 PM GMT+6", "Emily Chen", "emily.chen@un.example", "UN DESA", "Governance Officer", "USA"),
    ("2014/09/14 08:08:08 AM GMT+6", "Mart Tamm", "mart.tamm@ria.example", "Information System Authority",
     "Chief Architect", "Estonia"),
    ("2014/09/14 10:10:10 AM GMT+6", "Minh Anh Tran", "minhanh.tran@mic.example",
     "Ministry of Information and Communications", "Officer", "Vietnam"),
]


def _workbook(path: Path) -> xlsxwriter.Workbook:
    book = xlsxwriter.Workbook(str(path), {"remove_timezone": True})
    book.set_properties({"title": path.stem, "author": "roundtable tests", "created": CREATED})
    return book


def indico(folder: Path) -> Path:
    path = folder / "indico-registrants.xlsx"
    book = _workbook(path)
    sheet = book.add_worksheet("Registrants")
    bold = book.add_format({"bold": True})
    when = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    sheet.write_row(0, 0, INDICO_HEADER, bold)
    for r, (ident, registered, state, title, first, last, email, affiliation, position, country, phone) in enumerate(INDICO, 1):
        sheet.write_number(r, 0, ident)
        sheet.write_datetime(r, 1, registered, when)
        sheet.write_row(r, 2, [state, title, first, last, email, affiliation, position, country])
        if phone is not None:
            sheet.write_number(r, 10, phone)
    book.close()
    return path


def secretariat(folder: Path) -> Path:
    path = folder / "secretariat-workbook.xlsx"
    book = _workbook(path)
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "d mmm yyyy"})
    summary = book.add_worksheet("Summary")
    people = book.add_worksheet("Participants")
    lists = book.add_worksheet("Lists")
    lists.hide()
    rows = [("Bagdat", "Mussin", "Government of Kazakhstan", "KZ", dt.date(2014, 10, 6), 3, True),
            ("Hoda", "Baraka", "Government of Egypt", "Egypt", dt.date(2014, 10, 5), 4, True),
            ("Pavel", "Tkach", "Government of Belarus", "BLR", dt.date(2014, 10, 6), 2, False),
            ("Amina", "Diallo", "Ministry of Posts and Telecommunications", "Sénégal", dt.date(2014, 10, 7), 1, True)]
    people.write_row(0, 0, ["First name", "Last name", "Full name", "Organisation", "Country", "Arrival", "Nights",
                            "Badge no.", "Fee paid"], bold)
    for r, (first, last, org, country, arrival, nights, paid) in enumerate(rows, 1):
        people.write_row(r, 0, [first, last])
        people.write_formula(r, 2, f'=A{r + 1}&" "&B{r + 1}', None, f"{first} {last}")
        people.write_row(r, 3, [org, country])
        people.write_datetime(r, 5, dt.datetime.combine(arrival, dt.time()), day)
        people.write_number(r, 6, nights)
        people.write_formula(r, 7, "=1000+ROW()", None, 1000 + r + 1)
        people.write_boolean(r, 8, paid)
    summary.write("A1", "Registrations, Global E-Government Forum 2014", bold)
    summary.write("A3", "Participants")
    summary.write_formula("B3", "=COUNTA(Participants!A2:A100)", None, len(rows))
    summary.write("A4", "Nights booked")
    summary.write_formula("B4", "=SUM(Participants!G2:G100)", None, sum(r[5] for r in rows))
    lists.write_column(0, 0, ["Name", "government", "academia", "civil-society"])
    book.close()
    return path


def ministry(folder: Path) -> Path:
    path = folder / "ministry-participants.xlsx"
    book = _workbook(path)
    sheet = book.add_worksheet("Лист1")
    title = book.add_format({"bold": True, "align": "center"})
    bold = book.add_format({"bold": True, "border": 1})
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    sheet.merge_range(0, 0, 0, len(MINISTRY_HEADER) - 1,
                      "Список участников Глобального форума по электронному правительству", title)
    sheet.merge_range(1, 0, 1, len(MINISTRY_HEADER) - 1, "Астана, 7–8 октября 2014 года", title)
    sheet.write_row(3, 0, MINISTRY_HEADER, bold)
    for r, (name, position, org, country, email, arrival) in enumerate(MINISTRY, 4):
        sheet.write_number(r, 0, r - 3)
        sheet.write_row(r, 1, [name, position, org, country, email])
        sheet.write_datetime(r, 6, dt.datetime.combine(arrival, dt.time()), day)
    book.close()
    return path


def _kazakh_xlsx(folder: Path) -> Path:
    path = folder / "ministry-participants-kk.xlsx"
    book = _workbook(path)
    sheet = book.add_worksheet("Тізім")
    sheet.write(0, 0, "Қатысушылар тізімі")
    sheet.write_row(2, 0, KAZAKH_HEADER)
    for r, row in enumerate(KAZAKH, 3):
        sheet.write_number(r, 0, r - 2)
        sheet.write_row(r, 1, row)
    book.close()
    return path


def _french_xlsx(folder: Path) -> Path:
    path = folder / "inscriptions.xlsx"
    book = _workbook(path)
    sheet = book.add_worksheet("Réponses au formulaire 1")
    when = book.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"})
    sheet.write_row(0, 0, FRENCH_HEADER)
    for r, (stamp, *rest) in enumerate(FRENCH, 1):
        sheet.write_datetime(r, 0, stamp, when)
        sheet.write_row(r, 1, rest)
    book.close()
    return path


def google_forms(folder: Path) -> Path:
    path = folder / "google-forms-unknown-country.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:  # Google Sheets' "Download as CSV"
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(GOOGLE_HEADER)
        writer.writerows(GOOGLE)
    return path


def libreoffice(source: Path, target: Path, filter_name: str) -> Path | None:
    """`source` saved by LibreOffice Calc as `target` (its suffix says the format); None without soffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as work:
        profile = (Path(work) / "profile").as_uri()
        subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to",
                        f"{target.suffix[1:]}:{filter_name}", "--outdir", work, str(source)],
                       check=True, capture_output=True, timeout=120)
        shutil.move(Path(work) / f"{source.stem}{target.suffix}", target)
    return target


def build(folder: Path, with_libreoffice: bool = True) -> list[Path]:
    """Write every list into `folder`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [indico(folder), secretariat(folder), ministry(folder), google_forms(folder)]
    if with_libreoffice:
        with tempfile.TemporaryDirectory() as work:
            for source, name, filter_name in ((_kazakh_xlsx(Path(work)), "ministry-participants-kk.xls", "MS Excel 97"),
                                              (_french_xlsx(Path(work)), "inscriptions.ods", "calc8")):
                made = libreoffice(source, folder / name, filter_name)
                if made is not None:
                    written.append(made)
    return written


if __name__ == "__main__":
    for made in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(made)
