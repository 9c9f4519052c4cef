//! Eligibility (第五条, 第六条): whether the subject may apply for creation, and what is missing.

use serde::Serialize;

use crate::engine::model::assessment::{Subject, SubjectKind};
use crate::engine::model::banfa::{ArticleKind as A, Banfa};
use crate::engine::model::process::{Eligibility, EligibilityCondition};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EligibilityStatus {
    /// The object type is set and all three conditions are met, each with its basis.
    Eligible,
    /// At least one condition is answered "not met".
    NotEligible,
    /// Something is not answered yet (see `missing`).
    Incomplete,
}

/// One condition of 第六条 as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EligibilityConditionView {
    pub condition: EligibilityCondition,
    /// `(一)`.
    pub number: String,
    pub title: String,
    /// The 办法's sub-text (from its data).
    pub text: String,
    pub met: Option<bool>,
    pub basis: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EligibilityResult {
    pub status: EligibilityStatus,
    /// 第五条: the creation object, e.g. `地级市人民政府`; `None` when the kind is not chosen.
    pub object: Option<String>,
    pub conditions: Vec<EligibilityConditionView>,
    /// What is still to be answered or written (Chinese, one sentence each).
    pub missing: Vec<String>,
    /// The conditions answered "not met" (Chinese).
    pub unmet: Vec<String>,
    /// One sentence for the heading (Chinese).
    pub summary: String,
    /// How the conditions' article is cited (`第六条`).
    pub conditions_article: String,
}

/// 第五条 and 第六条: whether the subject may apply for creation, and what is missing.
pub fn check_eligibility(subject: &Subject, e: &Eligibility, banfa: &Banfa) -> EligibilityResult {
    let mut missing = Vec::new();
    let mut unmet = Vec::new();
    let object = subject.kind.map(|k| format!("{}人民政府", object_label(k)));
    let (five, six) = (banfa.cite(A::Objects), banfa.cite(A::Conditions));
    if object.is_none() {
        let text = banfa.article(A::Objects).map(|a| a.text.as_str()).unwrap_or_default();
        missing.push(format!("未选择创建对象类型({five}:{})", text.trim_end_matches('。')));
    }
    let mut conditions = Vec::new();
    for c in EligibilityCondition::ALL {
        let a = e.answer(c);
        let (number, title, text) = match banfa.condition(c) {
            Some(t) => (t.number.clone(), t.title.clone(), t.text.clone()),
            None => (String::new(), c.id().to_string(), String::new()),
        };
        let name = format!("{six}{number}{title}");
        match a.met {
            None => missing.push(format!("未判断是否符合{name}")),
            Some(true) if a.basis.trim().is_empty() => missing.push(format!("已判断符合{name},但未填写依据")),
            Some(true) => {}
            Some(false) => unmet.push(format!("不符合{name}")),
        }
        conditions.push(EligibilityConditionView {
            condition: c,
            number,
            title,
            text,
            met: a.met,
            basis: a.basis.clone(),
        });
    }
    let status = if !unmet.is_empty() {
        EligibilityStatus::NotEligible
    } else if !missing.is_empty() {
        EligibilityStatus::Incomplete
    } else {
        EligibilityStatus::Eligible
    };
    let summary = match status {
        EligibilityStatus::Eligible => {
            format!("符合{five}创建对象和{six}申请创建条件,可按{}申请创建", banfa.cite(A::Apply))
        }
        EligibilityStatus::NotEligible => format!("不具备{six}规定的申请创建条件:{}", unmet.join(";")),
        EligibilityStatus::Incomplete => format!("申请创建条件尚未判断完整(还有{}项)", missing.len()),
    };
    EligibilityResult { status, object, conditions, missing, unmet, summary, conditions_article: six.to_string() }
}

fn object_label(k: SubjectKind) -> &'static str {
    k.label()
}

impl EligibilityResult {
    /// What to say beside one condition: `(is an error, message)`; `None` when it is met with a
    /// basis or not judged yet (the choice 未判断 shows that).
    pub fn condition_problem(&self, c: EligibilityCondition) -> Option<(bool, String)> {
        let v = self.conditions.iter().find(|x| x.condition == c)?;
        match v.met {
            Some(false) => {
                Some((true, format!("不符合{}{}{}:不具备申请创建条件", self.conditions_article, v.number, v.title)))
            }
            Some(true) if v.basis.trim().is_empty() => Some((false, "已判断符合,请填写依据".to_string())),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::process::fixtures::{params, subject};

    #[test]
    fn eligibility_says_what_is_missing() {
        let mut s = subject();
        s.kind = None;
        let r = check_eligibility(&s, &Eligibility::default(), params());
        assert_eq!(r.status, EligibilityStatus::Incomplete);
        assert_eq!(r.object, None);
        assert_eq!(r.missing.len(), 4);
        assert!(r.missing[0].contains("第五条"));
        assert_eq!(r.missing[1], "未判断是否符合第六条(一)平台经济基础较好");
        assert_eq!(r.conditions.len(), 3);
        assert_eq!(r.conditions[1].title, "网络市场监管与服务工作扎实");
        assert!(r.conditions[2].text.starts_with("有较强的网络市场监管与服务创新意识"));

        let mut e = Eligibility::default();
        for c in EligibilityCondition::ALL {
            e.answer_mut(c).met = Some(true);
        }
        e.innovation.basis = "制定了网络市场监管创新举措".into();
        let r = check_eligibility(&subject(), &e, params());
        assert_eq!(r.status, EligibilityStatus::Incomplete);
        assert_eq!(r.object.as_deref(), Some("副省级市人民政府"));
        assert_eq!(
            r.missing,
            [
                "已判断符合第六条(一)平台经济基础较好,但未填写依据",
                "已判断符合第六条(二)网络市场监管与服务工作扎实,但未填写依据"
            ]
        );
        e.platform_economy.basis = "有规划".into();
        e.supervision_service.basis = "有机制".into();
        let r = check_eligibility(&subject(), &e, params());
        assert_eq!(r.status, EligibilityStatus::Eligible);
        assert!(r.missing.is_empty());

        e.supervision_service.met = Some(false);
        let r = check_eligibility(&subject(), &e, params());
        assert_eq!(r.status, EligibilityStatus::NotEligible);
        assert_eq!(r.unmet, ["不符合第六条(二)网络市场监管与服务工作扎实"]);
        assert!(r.summary.contains("不具备"));
    }

    #[test]
    fn condition_problems_say_what_is_wrong_beside_each_condition() {
        // The navigation state and the result's class are in `view::process`.
        let mut e = Eligibility::default();
        for c in EligibilityCondition::ALL {
            let a = e.answer_mut(c);
            a.met = Some(true);
            a.basis = "有".into();
        }
        let r = check_eligibility(&subject(), &e, params());
        assert_eq!(r.condition_problem(EligibilityCondition::Innovation), None);
        e.innovation.basis.clear();
        e.supervision_service.met = Some(false);
        e.platform_economy.met = None;
        let r = check_eligibility(&subject(), &e, params());
        assert_eq!(r.condition_problem(EligibilityCondition::Innovation), Some((false, "已判断符合,请填写依据".into())));
        assert_eq!(
            r.condition_problem(EligibilityCondition::SupervisionService),
            Some((true, "不符合第六条(二)网络市场监管与服务工作扎实:不具备申请创建条件".into()))
        );
        assert_eq!(r.condition_problem(EligibilityCondition::PlatformEconomy), None);
    }
}
