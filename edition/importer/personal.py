"""Word lists for finding persons' names: forms of address, forenames, Chinese surnames, words that are not names.

Data only (and one test on it, ``is_pinyin_given_name``): ``names`` uses
them.  The forenames are those common in the period's Soviet-bloc,
Yugoslav, Chinese and Western documents; a forename followed by a capitalised
word is taken for a person.  Chinese names are a one-syllable surname from
``CHINESE_SURNAMES`` followed by a given name of one or two pinyin
syllables ("Hao Deqing"); they are written surname first.
"""
from __future__ import annotations

import re

ADDRESS = (r"(?:Cdes?\.|Coms?\.|Comrades?|[Tt]ov\.|[Tt]ovarishch|Mr\.|Mrs\.|Ms\.|Messrs\.|Dr\.|Prof\.|Gen\.|General|"
           r"Marshal|Ambassador|Premier|President|Chairman|Minister|Secretary|Col\.|Colonel|Lt\.|Maj\.|Major|"
           r"Capt\.|Captain|Adm\.|Admiral|Sen\.|Senator|Herr|Frau|Monsieur|Mme\.|Madame|Msgr\.|Father|"
           r"Cardinal|Advisor|Adviser|Counsellor|Counselor)")

FORENAMES = frozenset("""
Imre Zoltán Zoltan Béla Bela János Janos Géza Geza László Laszlo Ferenc István Istvan Mátyás Matyas Ernő Erno
Antal Gyula Pál Pal Károly Karoly Sándor Sandor György Gyorgy András Andras József Jozsef Iosef Mihály Mihaly
Gergely Lajos Tibor Miklós Miklos Gábor Gabor Endre Dezső Dezso Kálmán Kalman Árpád Arpad Jenő Jeno Vilmos Péter
Peter Attila Anna Erzsébet Erzsebet Julia Júlia
Nikita Anastas Mikhail Georgy Georgii Georgi Vyacheslav Lazar Nikolai Nikolay Ivan Yuri Yurii Yury Andrei Andrey
Leonid Kliment Dmitry Dmitrii Dmitri Pavel Aleksei Alexei Aleksandr Alexander Vladimir Sergei Pyotr Petr
Konstantin Ekaterina Yekaterina Maksim Averky Boris Viktor Vasily Vasilii Fyodor Grigory Semyon Valentin Yakov
Władysław Wladyslaw Edward Józef Stefan Antonín Antonin Jan Zenon Roman Jerzy Konstanty Bolesław Boleslaw
Marian Aleksander Hilary Stanisław Stanislaw Wiliam
Josip Edvard Aleksandar Svetozar Koča Koca Veljko Milovan Moša Mosa Vladimir
Walter Otto Willi Wilhelm Heinrich Todor Anton Vulko Gheorghe Enver Mehmet Palmiro Luigi Pietro
John Allen Dwight Foster Charles Henry Harold Anthony Selwyn Guy Christian Dag
""".split())

CHINESE_SURNAMES = frozenset("""
Liu Deng Hao Xie Wang Hu Shi Mao Zhou Peng Zhu Chen Li Zhang Yang Huang Zhao Wu Sun Ma Gao Lin He Guo Luo Song
Zheng Xu Han Tang Feng Dong Ye Cao Yuan Fu Shen Zeng Lu Su Jiang Cai Jia Ding Wei Xue Yan Pan Du Dai Xia Zhong
Tian Ren Qiao Fan Kang Tan Liao Bo Ke Ji Nie Rao Lai Qian Geng Zhan
""".split())

# capitalised words that are not names (institutions, titles, places, headings of the period's documents)
NOT_NAMES = frozenset("""
the a an this that these those and of in on for to with from at by as or but not no all its his her their our
party committee central soviet union government army council ministry embassy legation republic state states
presidium politburo bureau department secretariat directory congress assembly bulletin archive school university
institute secretary minister general chairman president premier comrade comrades deputy first prime foreign
affairs defense defence national people people's peoples workers working communist communists socialist
democratic federal united nations security military revolutionary higher supreme chinese hungarian hungarians
polish poles russian german germans american americans british french korean czechoslovak czech romanian
bulgarian yugoslav yugoslavs cuban vietnamese english italian austrian soviets moscow budapest warsaw beijing
peking berlin prague washington london paris vienna austria hungary poland china korea germany egypt yugoslavia
czechoslovakia romania bulgaria albania italy france england britain vietnam gdr ussr usa us u s uk cc cpsu
cpc ccp hwp hswp pzpr kgb mvd un tass i ii iii iv v vi monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december note notes translator
translation translator's see also ibid op cit vol no p pp ll l f d cde cdes com coms tov mr dr delegation
ambassador marshal staff office mission agency service administration division section group front forces
river lake theater theatre cinema parliament buda pest miskolc debrecen gyor dier soinok pula brioni belgrade
balaton poznan vienna danube dunai corvin corwin zeran akmolinskaya oblast renmin ribao justice pravda
szabad nép nep magyar nemzet népszava nepszava trybuna ludu głos glos pracy sztandar igazság igazsag új uj
magyarország magyarorszag petőfi petofi peasant smallholders declaration appeal protocol information
exchange opinions situation briefing review consideration continuation composition preparation operations
discussions report memorandum telegram cable summary citation contents original language top secret
copies prohibited making diary conversation received printed issued sent foreign-ministry consultation
plenum resolution decision documents document letter attention priority strictly special
those taking part present attending source rights author authors associated topics subjects places
history public policy program digital wilson center leveltar orszagos
counterrev counterrevolution counterrevolutionary counterrevolutionaries revolution rebellion uprising
organized events mistakes alarm eng fr yug mosc khrush khr malen malenk bulg vorosh molot kagan kad rak
revol deputy internal defense chairman as
east west north south western eastern northern southern
""".split())

_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = (r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn|ia|ie|iu|ua|uo|"
          r"ue|ve|ui|er|a|o|e|i|u|v)")
_PINYIN = re.compile(rf"(?:{_INITIAL}{_FINAL}){{1,2}}")


def is_pinyin_given_name(word: str) -> bool:
    """ "Shaoqi", "Deqing", "Feng": one or two pinyin syllables, capitalised."""
    return word[:1].isupper() and word[1:].islower() and _PINYIN.fullmatch(word.lower().replace("ü", "v")) is not None
