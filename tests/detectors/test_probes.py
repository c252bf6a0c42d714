"""Probe drafts for every identifier kind except person names, through the whole screener.

Each probe is a short draft of the kind a caseworker might write. In a ``PROBES`` text
every ``[[marked]]`` passage must be overlapped by a ``warn`` or ``block`` violation (what
``screener eval`` counts as found). A ``NEAR_MISSES`` text must raise no ``warn`` or
``block`` violation at all, or, when it has ``{{marked}}`` passages, none over them.

``python -m tests.detectors.test_probes`` prints recall per kind and the near-misses
that are flagged, the figures the README's identifier table reports.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from app.screener import Result, Screener
from app.second_reader import READER_RULE_ID

# (kind, draft)
PROBES: list[tuple[str, str]] = [
    # --- phone and fax numbers, 45 CFR 164.514(b)(2)(i)(D), (E)
    ("phone", "My client's new cell is [[(555) 201-3344]], text her congrats!"),
    ("phone", "Call my client at [[555.201.3344]] after 5, she needs a ride."),
    ("phone", "Her number is [[555 201 3344]] if anyone can help with a crib."),
    ("phone", "My client's phone: [[+1 555 201 3344]]"),
    ("phone", "Client's cell [[5552013344]], she's looking for a roommate."),
    ("phone", "Reach her at [[555-201-3344 ext 12]] during the day."),
    ("phone", "Fax the signed release to her lawyer at [[(555) 201-3399]]."),
    ("phone", "Fax: [[555-201-3399]] for the referral packet on my client."),
    ("phone", "Her number is [[five five five two oh one three three four four]], call her!"),
    ("phone", "Text my client at [[555-201-\n3344]] about the job."),
    ("phone", "Call [[+1 (555) 201-3344]] to reach her mom."),
    ("phone", "Her dad's number is [[1-555-201-3344]]."),
    ("phone", "His cell: [[(555)201-3344]]. Please call about the bike."),
    ("phone", "New number for my client is [[555 - 201 - 3344]]."),
    ("phone", "Her grandma's landline is [[555-0187]], she only answers after noon."),
    ("phone", "My client's phone number is [[217-555-0148x4]]."),
    ("phone", "Call my client on [[555.201.3344 ext. 203]] if you have a job lead."),
    ("phone", "Mi cliente necesita trabajo, su teléfono es [[555-201-3344]]."),
    ("phone", "Tel. [[555 201 3344]], pregunten por la mamá de mi cliente."),
    ("phone", "my client's cell is [[555 two oh one 3344]] lol she made me write it like that"),
    ("phone", "Call her at [[(555) 201 3344]] before 8pm."),
    ("phone", "Her mobile is [[555/201-3344]]."),
    # --- e-mail, (F)
    ("email", "Reach my client at [[jenny.r88@gmail.com]] if you have a room to rent."),
    ("email", "Her email: [[JENNY.R88@GMAIL.COM]]"),
    ("email", "My client's email is [[maria_lopez+jobs@yahoo.com]], send leads!"),
    ("email", "Write to her at [[jenny.r88 at gmail dot com]] with job leads."),
    ("email", "Email my client: [[jenny.r88 [at] gmail [dot] com]]"),
    ("email", "Su correo es [[jenny.r88@hotmail.com]], escríbanle por favor."),
    # --- Social Security numbers, (G)
    ("ssn", "Intake form says SSN [[123-45-6789]] but the card says otherwise."),
    ("ssn", "His social security number is [[212 44 9876]], can someone verify?"),
    ("ssn", "SS# [[212449876]] was on the form my client dropped."),
    ("ssn", "Her SSN: [[212-44-9876]]. Does anyone know how to freeze credit?"),
    ("ssn", "Número de seguro social [[212-44-9876]], está en el formulario."),
    ("ssn", "Found my client's card in the copier, [[212-44-9876]], shredded it."),
    # --- record numbers: MRN, case, client ID, Medicaid, member, account, (H), (I), (J), (R)
    ("record", "Pulled the chart for MRN [[4471920]] and the discharge notes are missing."),
    ("record", "MRN: [[00123456]] still has the wrong allergy listed."),
    ("record", "Her medical record number is [[H-228190]], can the clinic fix it?"),
    ("record", "Client ID: [[A77812]] showed up for intake again."),
    ("record", "Client # [[44812]] missed group again."),
    ("record", "Client J.M., case #[[CW-2023-00817]], was placed in foster care."),
    ("record", "Finally closed case no. [[2024-118]] after two years."),
    ("record", "Her Medicaid # [[NY4471203]] got flagged again."),
    ("record", "Medicaid ID [[12345678901]] keeps getting denied at the pharmacy."),
    ("record", "Member ID [[XJ22918844]] was denied coverage for the second time."),
    ("record", "Health plan ID [[W123456789]] is on her card, is it still active?"),
    ("record", "Her Medicare number is [[1EG4-TE5-MK73]] if anyone can help."),
    ("record", "My client's account # [[000123456789]] keeps getting overdrawn."),
    ("record", "Acct [[4471-2281-09]] is in collections and my client is panicking."),
    ("record", "HMIS ID [[228175]] shows him as still in shelter."),
    ("record", "Docket number [[23-JV-118]] comes up Friday for my client."),
    ("record", "Her inmate number is [[448812]], please write to her."),
    ("record", "My client's booking # [[2024-00917]] is on the jail roster."),
    ("record", "Student ID [[2231-5541]] is on the form for my foster kiddo."),
    ("record", "SNAP case # [[448812]] was closed by mistake, my client has no food."),
    ("record", "Housing voucher # [[HV-20931]] expires next week for my client."),
    ("record", "Patient ID [[P-009812]] was double booked again."),
    ("record", "NY Medicaid CIN [[AB12345C]] for my client is wrong in the system."),
    ("record", "Claim number [[CLM-4471823]] was denied, my client owes $900."),
    ("record", "Expediente #[[2023-448]], la audiencia es el viernes."),
    ("record", "Número de caso: [[CW-2023-00817]], mi cliente sigue esperando."),
    ("record", "Referral #[[R-22817]] for my client got lost again."),
    ("record", "Her DCFS case [[2023-448812]] got a new worker."),
    ("record", "Policy number [[PLX-4471922]] covers her meds."),
    # --- licence, certificate and ID document numbers, (K)
    ("licence", "Her driver's license is [[D1234-5678-9012]], can someone check it?"),
    ("licence", "DL# [[S530-4621-8890]] is suspended and my client can't work."),
    ("licence", "My client's license number is [[F2231445]]."),
    ("licence", "Birth certificate number [[142-2009-004417]] has a typo for my client."),
    ("licence", "Her state ID is [[123456789]] and it expired."),
    ("licence", "Passport no. [[912803456]] is with the lawyer now."),
    ("licence", "His green card number is [[SRC1234567890]]."),
    ("licence", "Marriage certificate #[[2019-0044871]] is missing from her file."),
    ("licence", "Licencia de conducir [[D1234567]], la policía se la quitó a mi cliente."),
    # --- vehicle identifiers and plates, (L)
    ("vehicle", "Her license plate is [[7ABC123]] and she's afraid he will find the car."),
    ("vehicle", "My client's car, plate [[ABC-1234]], was towed from the shelter lot."),
    ("vehicle", "Texas plate [[DFK 2291]] keeps showing up outside her work."),
    ("vehicle", "Plates [[8XYZ442]] on a blue Civic, he's been following my client."),
    ("vehicle", "VIN [[1HGCM82633A004352]] is on the title my client brought in."),
    ("vehicle", "The title says [[1M8GDM9AXKP042788]], is that the right car?"),
    ("vehicle", "Su placa es [[7ABC123]] y tiene miedo de que él la encuentre."),
    # --- device identifiers and serial numbers, (M)
    ("device", "Her phone's IMEI is [[490154203237518]], can the carrier block it?"),
    ("device", "Ankle monitor serial [[SN4471-22A]] keeps losing signal."),
    ("device", "Serial number of his ankle monitor is [[88412-B]], it died again."),
    ("device", "MAC address [[00:1A:2B:3C:4D:5E]] is her laptop, he keeps tracking it."),
    ("device", "IMEI: [[35-209900-176148-1]] on the phone he gave her."),
    ("device", "Device ID [[A1B2C3D4E5]] is the tracker we found in her car."),
    # --- IP addresses, (O)
    ("ip", "My client keeps getting messages from [[73.15.22.190]], is that traceable?"),
    ("ip", "IP address [[192.168.1.20]] logged into her account."),
    ("ip", "His IPv6 is [[2001:db8:85a3::8a2e:370:7334]] per the logs."),
    # --- URLs to a person's page, (N)
    ("url", "My client asked me to share her page: [[https://www.facebook.com/jess.m.1992]]."),
    ("url", "Check out my client's art: [[instagram.com/jessdraws]]"),
    ("url", "My client lost everything, please give: [[gofundme.com/f/help-maria-get-home]]"),
    ("url", "Found her profile, [[facebook.com/maria.lopez.5243]], so she's back online."),
    # --- social handles of a client, (R)
    ("handle", "Tag [[@jess_m1992]], my client, she'd love the support!"),
    ("handle", "My client's Insta is [[@jess_m1992]] if you want to send encouragement."),
    ("handle", "My client wants to sell her art, her Snapchat is [[jess.m.92]]."),
    ("handle", "Mi cliente vende sus dibujos, su Instagram es [[@jessdraws92]]."),
    # --- street addresses and other geography smaller than a state, (B)
    ("address", "Dropped off groceries for my client at [[1420 Elm Street, Apt 3B]]."),
    ("address", "Home visit at [[22 N. Oak Ave]] went really well."),
    ("address", "My client just moved to [[1420 Elm St, Springfield, IL 62701]]."),
    ("address", "My client lives in [[Apt 3B]] now, above the laundromat."),
    ("address", "She's in [[Unit 12]] at the back of the complex, my client."),
    ("address", "My client moved into [[#4]] at the end of the hall."),
    ("address", "My client gets mail at [[RR 2 Box 15]] out past the grain elevator."),
    ("address", "Home visit out on [[County Rd 12]] with my client."),
    ("address", "My client lives at [[4500 County Road 12]]."),
    ("address", "My client gets her mail at [[P.O. Box 212]] now."),
    ("address", "she lives at [[29 fulton st]] now, my client"),
    ("address", "My client moved to [[123 1/2 Main St]] behind the store."),
    ("address", "Home visit at [[4500 State Route 9]] this morning."),
    ("address", "My client lives at [[1420 W 300 S]] in Provo."),
    ("address", "My client lives at [[HC 1 Box 22]] way out of town."),
    ("address", "Mi cliente vive en la [[calle Juárez 45, Apto 3B]]."),
    ("address", "Visita a domicilio en [[Av. Reforma 222]] con mi cliente."),
    ("address", "Visita a domicilio en la [[Calle 5 #12-34]] con mi cliente."),
    ("address", "Home visit at [[the corner of 5th and Main]] for my client."),
    # --- ZIP codes as whereabouts, (B)
    ("zip", "My client lives in [[60629]] and takes two buses to work."),
    ("zip", "Home visit in zip code [[60629]] today, my client is doing great."),
    ("zip", "My client moved to [[60629-1234]] last month."),
    ("zip", "Mi cliente vive en el código postal [[60629]]."),
    # --- dates tied to a person, (C)
    ("date", "My client (DOB [[03/14/2009]]) finally got her GED!"),
    ("date", "He was born on [[May 2, 2011]] and has been in care since."),
    ("date", "My client turned 16 on [[3/14]] and we had cake!"),
    ("date", "My client was admitted [[2/3/2024]] and is still on the unit."),
    ("date", "My patient was admitted on [[January 5]] and is finally stable."),
    ("date", "My client was discharged on [[3/1]] and is back home."),
    ("date", "My client passed away on [[Nov 2, 2024]]. Rest easy."),
    ("date", "Date of death: [[11/02/2024]]. I will miss her."),
    ("date", "Client d.o.b. [[3-14-09]] on the intake sheet is wrong."),
    ("date", "DOB: [[2009-03-14]], please update her file."),
    ("date", "DOB [[14 March 2009]] on the referral for my client."),
    ("date", "My client was released from jail on [[6/1/2024]] and is looking for work."),
    ("date", "Mi cliente nació el [[3/14/2009]] y ya tiene su GED."),
    ("date", "Fecha de nacimiento: [[14/03/2009]]."),
    ("date", "Mi cliente nació el [[14 de marzo de 2009]]."),
    ("date", "Her birthday is [[March 14]], my client wants a cake."),
    ("date", "My client's date of birth is [[3.14.2009]]."),
    ("date", "My client died on [[11/2]] at home with family."),
    # --- ages, (C) for over 89; minors as client identifiers
    ("age", "My [[14yo]] client ran away again."),
    ("age", "She is [[14 y/o]] and on my caseload."),
    ("age", "A [[fourteen-year-old]] client of mine just got placed."),
    ("age", "My client, [[age 14]], was placed last night."),
    ("age", "My client is a [[15 yr old]] girl from the group home."),
    ("age", "My [[8 year old]] on my caseload lost her first tooth!"),
    ("age", "Client, [[16]], was placed in foster care."),
    ("age", "My foster kiddo turned [[16]] today!"),
    ("age", "My [[92-year-old]] client still bakes for the whole building."),
    ("age", "Mi cliente de [[15 años]] ya se graduó."),
    ("age", "My client is [[twelve years old]] and raising her brother."),
    ("age", "My [[14-yr-old]] client got into the summer program!"),
    # --- a second round, written after the first round was fixed: other phrasings
    ("phone", "Anyone hiring? My client is great with kids, call her: [[(312) 555-0199]]"),
    ("phone", "The mom I work with lost her phone, new one is [[312-555-0177]]."),
    ("phone", "Youth on my caseload needs a tutor, his cell [[312.555.0166]]"),
    ("phone", "fax his PCP the ROI at [[312 555 0155]] pls"),
    ("phone", "My client says text her at [[three one two five five five zero one four four]]"),
    ("phone", "Grandma (kinship placement) can be reached at [[+1-312-555-0133]]."),
    ("phone", "Mi clienta busca trabajo de limpieza, llámenla al [[(312) 555-0122]]."),
    ("email", "My client's resume is ready! Send offers to [[dshawn.t2004@gmail.com]]"),
    ("email", "Her email is [[tasha dot green at yahoo dot com]] if you want to help."),
    ("ssn", "Ugh, client's ss# [[078-05-1120]] was printed on the court letter."),
    ("ssn", "Last week a client read me her SSN out loud: [[219-09-9999]]."),
    ("record", "Chart # [[00228817]] has the wrong DOB again."),
    ("record", "His Medi-Cal ID is [[91234567A]], can anyone check eligibility?"),
    ("record", "Referral no. [[22-4471]] for my client is still pending."),
    ("record", "Case ID: [[FC-22-1187]] for the Henderson placement."),
    ("record", "Medicaid number [[AB12345C]] came back inactive for my patient."),
    ("record", "My client's EBT # [[5077123412341234]] got skimmed."),
    ("record", "Inmate # [[A-445192]], please write to my client."),
    ("licence", "My client's DL # is [[S123-4567-8901]], the DMV lost it."),
    ("licence", "Her passport number: [[X12345678]]."),
    ("vehicle", "He drives a silver truck, license plate [[6TRJ244]], please watch for it."),
    ("vehicle", "VIN: [[JH4KA7561PC008269]], my client's car got repossessed."),
    ("device", "The GPS tracker we found under her car had serial no. [[GT-448812]]."),
    ("ip", "Her abuser logged in from [[98.44.12.7]] last night."),
    ("url", "My client's art is for sale at [[instagram.com/jay.paints.88]]"),
    ("url", "Please donate to my client's fundraiser: [[gofund.me/4fa2b19c]]"),
    ("handle", "My client's TikTok is [[@dee_dances04]], she'd love some follows!"),
    ("address", "Moved my client into [[55 Harbor View Dr, Unit 2]] today!"),
    ("address", "Home visit at [[812 Chestnut Street]] ran long."),
    ("address", "My client is staying at [[3 Pine Ct]] with her aunt."),
    ("address", "Delivered a crib to my client at [[4821 S. Ashland Ave. Apt. 2F]]."),
    ("address", "my client's new place is at [[17 maple ave]]"),
    ("address", "My client's mailing address is [[PO Box 1187]], Gary, IN."),
    ("zip", "My client just moved to zip [[46402]] and needs a pediatrician."),
    ("date", "My client's DOB is [[7/4/2008]] and she still has no birth certificate."),
    ("date", "My patient was discharged [[12/20]] and readmitted on [[12/27]]."),
    ("date", "My client, born [[June 3, 2006]], aged out last month."),
    ("date", "Birthday girl! My foster kiddo was born [[2/29/2012]]."),
    ("date", "My client died [[last Tuesday, March 4]]."),
    ("age", "My client is [[17]] and pregnant."),
    ("age", "Placed a [[3 y/o]] with a relative tonight."),
    ("age", "A [[sixteen year old]] on my caseload got her first job!"),
    ("age", "My client (age [[15]]) is finally back in school."),
    ("age", "Mi cliente tiene [[16 años]] y ya trabaja."),
    ("age", "My [[97 year old]] patient still flirts with every nurse."),
    # --- a third round (issue 3): the forms the held-out drafts were weakest on
    ("initials", "Drove [[A.R.]] to court this morning, the judge was kind to her."),
    ("initials", "my client [[d.m.]] finally got her GED!!"),
    ("initials", "Update on youth [[TK]]: back in school Monday."),
    ("handle", "His insta is [[marcus.b_07]], he's one of our kids and he draws every day."),
    ("handle", "One of our teens runs [[@beats.by.dre_jr]] now, so proud of him."),
    ("url", "He's one of our residents, his page is [[facebook.com/tommy.ray.1962]]"),
    ("vehicle", "My client's car, plate NY [[KLM 4471]], was towed last night."),
    ("vehicle", "Watch for Ohio tags [[HJK 2291]], it's her abuser's truck."),
    ("licence", "Her CDL no. [[K2211-04431-88120]] is suspended until she pays the fines."),
    ("licence", "My client's cosmetology permit # [[CP-448120]] finally came through!"),
    ("record", "My client's locker # [[2217]] at the shelter was broken into again."),
    ("record", "Youth on my caseload lost his bracelet no. [[JD-44812]] at detention intake."),
    ("ssn", "Her SSN ends with ***-**-[[9912]] on the letter; client can't read the rest."),
    ("ssn", "My client's social: [[219.09.9999]]"),
    ("zip", "My client moved to Gary [[46402]] with her aunt."),
    ("date", "Intake sheet: DOB [[02-Jul-2011]], mom unknown."),
    ("date", "Mi cliente nació el [[9 de abril del 2010]] en Guatemala."),
    ("address", "My client sleeps at the bus shelter on [[3rd and Pine]] most nights."),
    ("address", "Found my client under the [[Lake Street underpass]] again."),
]

# (kind, draft): nothing flagged warn/block, or nothing over the {{marked}} passages.
NEAR_MISSES: list[tuple[str, str]] = [
    ("phone", "Call or text 988 if you are struggling tonight."),
    ("phone", "Call 211 for help with rent and utilities."),
    ("phone", "National DV Hotline: 1-800-799-7233, any time."),
    ("phone", "Doors open 5:30-7:30 pm at the library."),
    ("phone", "Scholarships of $500-1000 are available for summer camp."),
    ("phone", "Thank you! Your donation receipt, order #{{5552013344}}, is attached."),
    ("phone", "We served {{1,201,334}} meals since we opened."),
    ("phone", "Applications for the {{2024-2025}} school year are open."),
    ("phone", "Our EIN is {{12-3456789}} and all gifts are tax-deductible."),
    ("phone", "Youth ages 12-17 meet from 5-7pm on Tuesdays."),
    ("phone", "Text HOME to 741741 to reach a crisis counselor."),
    ("phone", "Room {{201}} at 3:44 pm, see you there."),
    ("phone", "Our 2023 budget was {{$1,555,201}} and we served 3,344 people."),
    ("email", "Follow us @helpinghands for updates!"),
    ("email", "Meet us @ the library at 5 for the book swap!"),
    ("email", "We are at the park, come say hi."),
    ("ssn", "Bring your Social Security card to the benefits clinic on Friday."),
    ("ssn", "Call 555-201-3344 to RSVP for the {{2024-25}} volunteer season."),
    ("ssn", "Our {{123-45}} plan: one goal, two teams, three months."),
    ("record", "In case you missed it: our annual report is out!"),
    ("record", "Case management is hard and rewarding work. #socialwork"),
    ("record", "Medicaid expansion saved lives in our state."),
    ("record", "Become a member today and support our work!"),
    ("record", "Thank you for your order #{{100234587}}, your donation helps families."),
    ("record", "Tax receipt no. {{2024-0193}}: thank you for giving!"),
    ("record", "Join us for the {{14th}} annual gala!"),
    ("record", "Ticket #{{12}} wins the raffle basket!"),
    ("record", "Our client ID cards are ready at the front desk."),
    ("record", "Account managers from the bank volunteered 40 hours this month."),
    ("record", "In case 2023 taught us anything, housing is health care."),
    ("licence", "Passport fair at the library this Saturday: get your photo taken for $10!"),
    ("licence", "Bring a photo ID and proof of address to the clothing drive."),
    ("licence", "We are licensed for {{12}} beds in our group home."),
    ("licence", "Congrats to our staff on earning {{3}} new certificates this year!"),
    ("vehicle", "We served 300 plates of food at the community dinner!"),
    ("vehicle", "Tag a friend who needs to hear this!"),
    ("vehicle", "License plate readers put immigrant families at risk."),
    ("vehicle", "Our tracking number {{1Z999AA10123456784}} shows the donation boxes shipped."),
    ("vehicle", "Our new van seats 12 and was donated by a local dealer."),
    ("device", "Our ankle monitor program cut pretrial detention by a third."),
    ("device", "Watched a serial killer documentary, never again."),
    ("device", "Our new phones run version 10.2.4 of the app."),
    ("ip", "Upgrade to version 10.2.4.1 of the app today."),
    ("ip", "Our budget grew 12.5% over 2023, thanks to you."),
    ("ip", "Meeting starts at 10:30:45 sharp, bring snacks."),
    ("url", "Support our annual appeal at gofundme.com/f/helping-hands-2025!"),
    ("url", "Like our page at facebook.com/HelpingHandsNonprofit for updates!"),
    ("url", "Sign up at helpinghands.org/volunteer by Friday."),
    ("handle", "Thanks @cityofspringfield for the grant!"),
    ("handle", "Follow us @helpinghands for updates on our foster youth program."),
    ("address", "Room 204 is booked for our parenting class tonight."),
    ("address", "Top 5 ways to support foster youth this winter."),
    ("address", "3 days at Main Street Park were so much fun."),
    ("address", "We served 1420 meals on Main Street this year."),
    ("address", "Suite of services for families: housing, food, jobs."),
    ("address", "Join us for our {{2nd}} annual walk down Main Street this Saturday!"),
    ("address", "Unit {{4}} of our training covers trauma-informed care."),
    ("address", "We are #1 in the county for foster parent retention!"),
    ("zip", "We raised {{$60,629}} at the gala, thank you!"),
    ("zip", "In {{2024}} we served {{60629}} meals across the county."),
    ("zip", "Serving every ZIP code in the county since {{1998}}."),
    ("zip", "Our {{10000}} volunteers gave {{25000}} hours this year."),
    ("date", "Join us on {{05/02/2026}} for our spring gala."),
    ("date", "Join us Saturday for our annual fundraiser!"),
    ("date", "Long day, but worth it."),
    ("date", "Born on May 2, 1962, our founder would have turned 64 today."),
    ("date", "Applications are due {{3/14}} for the summer program."),
    ("date", "Our agency was founded in 1998 and turns 28 this year."),
    ("date", "Open house on {{January 5}} from 2-4pm, all welcome!"),
    ("date", "The 14th annual gala is on Saturday, {{March 14}}."),
    ("age", "Youth ages 12-17 welcome at our drop-in center."),
    ("age", "Volunteers must be at least 18 years old."),
    ("age", "Our agency is 40 years old this year!"),
    ("age", "Kids 5 and under eat free at the pancake breakfast."),
    ("age", "Top 10 tips for parenting teens."),
    ("age", "All 40 youth in our program got school supplies."),
    ("age", "1 in 5 youth ages 13-18 lives with a mental health condition."),
    ("age", "Happy {{10th}} birthday to our agency!"),
    # second round
    ("mixed", "Our 2025 gala raised $312,555 for families!"),
    ("mixed", "Hours: Mon-Fri 9:00-5:00, closed 12/25."),
    ("mixed", "Applications open 1/15 through 2/28."),
    ("mixed", "Over 1,000 youth ages 14-24 served this year."),
    ("mixed", "Watch our webinar at youtube.com/watch?v=abc123 on trauma care."),
    ("mixed", "Happy 5th birthday to our food pantry!"),
    ("mixed", "Volunteers needed 3/14 from 9-12 at the warehouse."),
    ("mixed", "Our hotline: 1-800-662-4357, free and confidential."),
    ("mixed", "Proud to be rated #1 nonprofit in the county 3 years running."),
    ("mixed", "Thanks @UnitedWay for the $10,000 grant!"),
    ("mixed", "Room 114 has the donation drop-off."),
    ("mixed", "Our annual report, Vol. 12 No. 3, is online."),
    ("mixed", "Case study: how housing first works (PDF, 12 pages)."),
    ("mixed", "We turned 50 this year and served 50,000 people!"),
    ("mixed", "The 2024-25 school year starts 8/26 for most districts."),
    ("mixed", "Call 911 in an emergency, or 988 for mental health crises."),
    ("mixed", "Our Medicaid enrollment event helped 120 families this month."),
    ("mixed", "Kids ages 6-12 can join our free summer camp."),
    # what stock Presidio and spaCy read as identifiers (app/detectors/suppress.py)
    ("phone", "Thank you! Your donation receipt, order #2175550148, is attached."),
    ("phone", "Confirmation number 312-555-0199 for your gala tickets."),
    ("phone", "Call 1-800-273-8255 or 988 anytime, day or night."),
    ("record", "Zoom meeting ID: 845 2210 3344, passcode 4471."),
    ("record", "Grant #2024-ACF-00917 funds our youth mentoring program."),
    ("record", "Our 2023 audit (file 2023-AUD-0142) is posted on our website."),
    ("date", "My client was discharged last spring and works {{9-5}} now."),
    ("vehicle", "Our mobile unit, plate CARE1, parks at the library on Mondays."),
    ("licence", "We are licensed by the state, license #RCF-2210, and inspected yearly."),
    ("handle", "Her IG is so inspiring, she posts recovery tips daily."),
    ("initials", "Met with HR and the ED about caseloads today."),
    ("record", "My client is number 2 on the waitlist, fingers crossed!"),
    ("address", "Our outreach team is on Facebook and Instagram, follow along!"),
]

_MARK = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}", re.S)


def parse(draft: str) -> tuple[str, list[tuple[int, int]]]:
    """The draft without markers, and the marked spans in it."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _MARK.finditer(draft):
        out.append(draft[pos : m.start()])
        start = sum(len(p) for p in out)
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        out.append(inner)
        spans.append((start, start + len(inner)))
        pos = m.end()
    out.append(draft[pos:])
    return "".join(out), spans


def _flagged(result: Result) -> list[tuple[int, int]]:
    """What the detectors flagged: the second reader's finding spans a whole sentence
    and says nothing about whether "9-5" in it was taken for a date."""
    return [
        (v.start, v.end)
        for v in result.violations
        if v.severity in ("warn", "block") and v.rule_id != READER_RULE_ID
    ]


def _overlaps(span: tuple[int, int], flags: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in flags)


def missed(screener: Screener, draft: str) -> list[str]:
    text, spans = parse(draft)
    flags = _flagged(screener.check(text))
    return [text[s:e] for s, e in spans if not _overlaps((s, e), flags)]


def false_flags(screener: Screener, draft: str) -> list[str]:
    text, spans = parse(draft)
    flags = _flagged(screener.check(text))
    if spans:
        return [text[s:e] for s, e in spans if _overlaps((s, e), flags)]
    return [text[s:e] for s, e in flags]


pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("kind", "draft"), [pytest.param(k, d, id=f"{k}{i}") for i, (k, d) in enumerate(PROBES)]
)
def test_probe_is_flagged(screener: Screener, kind: str, draft: str) -> None:
    assert missed(screener, draft) == []


@pytest.mark.parametrize(
    ("kind", "draft"),
    [pytest.param(k, d, id=f"{k}{i}") for i, (k, d) in enumerate(NEAR_MISSES)],
)
def test_near_miss_is_not_flagged(screener: Screener, kind: str, draft: str) -> None:
    assert false_flags(screener, draft) == []


def report(screener: Screener) -> str:
    """Recall per kind on PROBES, and every near-miss that is flagged."""
    hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    lines = []
    for kind, draft in PROBES:
        total[kind] += 1
        gone = missed(screener, draft)
        hit[kind] += not gone
        if gone:
            lines.append(f"  missed {kind}: {gone} in {parse(draft)[0]!r}")
    for kind, draft in NEAR_MISSES:
        wrong = false_flags(screener, draft)
        if wrong:
            lines.append(f"  flagged near-miss {kind}: {wrong} in {parse(draft)[0]!r}")
    hit["ALL"], total["ALL"] = sum(hit.values()), len(PROBES)
    table = [f"{k:10} {hit[k]:3}/{total[k]:3} {hit[k] / total[k]:.2f}" for k in total]
    return "\n".join([*table, *lines])


if __name__ == "__main__":
    from app.config import Settings

    print(report(Screener(Settings())))
